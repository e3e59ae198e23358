package dev.connectkit.exercises.tools.grade;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.exercise.ExerciseSpec;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.run.Compilation;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.Folders;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestJvm;
import dev.connectkit.exercises.tools.run.TestOutcome;
import dev.connectkit.exercises.tools.run.Toolchain;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Grades submissions against a template with trusted code only. From the template come the tests, their
 * resources, the exercise list, the tasks and the points; from the toolchain (the template's own build) come the
 * core, the libraries and the test JVM. From a submission comes one thing: each exercise's
 * {@code src/main/java/**}.java}. Nothing a submission built, configured or reported is read; its classes are
 * compiled into a fresh folder and tested in a fresh test JVM per exercise, deleted afterwards.
 *
 * <p>The points possible are the template's. A test the template has and the run did not report scores 0, so an
 * exercise that produced no result scores 0 of its full amount. A skipped test scores 0, except one the template
 * declares environmental ({@code environmental=kernel} and the test tagged {@code kernel}) when the grading
 * machine itself cannot run the native backend, which the grader checks in its own JVM.
 */
public final class Grader {

    private final Toolchain toolchain;
    private final Path template;
    private final List<Exercise> exercises;
    private final Duration deadline;
    private final Locale locale;
    private final Optional<String> kernelUnavailable;
    private final Map<String, List<TestOutcome>> expected = new HashMap<>();
    private final List<String> jvmProperties;

    /**
     * @param kernelUnavailable why the native backend cannot run on this machine, as the grader found out; empty
     *                          when it can (then no skip is environmental)
     */
    public Grader(Toolchain toolchain, Path template, Duration deadline, Locale locale,
                  Optional<String> kernelUnavailable, List<String> jvmProperties) throws IOException {
        this.toolchain = toolchain;
        this.template = template;
        this.exercises = Exercise.all(template.resolve("exercises"));
        this.deadline = deadline;
        this.locale = locale;
        this.kernelUnavailable = kernelUnavailable;
        this.jvmProperties = List.copyOf(jvmProperties);
        if (exercises.isEmpty()) {
            throw new IOException(Msg.ERR_TEMPLATE_EMPTY.text(template));
        }
    }

    /** The template's exercises, in order. */
    public List<Exercise> exercises() {
        return exercises;
    }

    /** Grades one submission (a student's copy of the kit), or only the exercises named in {@code only}. */
    public Grades.SubmissionGrade grade(Path submission, List<String> only) throws IOException, InterruptedException {
        return grade(submission, only, deadline);
    }

    /** {@link #grade(Path, List)}, each exercise's tests given {@code deadline} instead of the grader's. */
    public Grades.SubmissionGrade grade(Path submission, List<String> only, Duration deadline)
            throws IOException, InterruptedException {
        List<String> ignored = Files.isDirectory(submission) ? IgnoredChanges.between(template, submission) : List.of();
        List<Grades.ExerciseGrade> grades = new ArrayList<>();
        for (Exercise e : exercises) {
            if (!only.isEmpty() && !only.contains(e.name())) {
                continue;
            }
            String prefix = "exercises/" + e.name() + "/";
            List<String> mine = ignored.stream().filter(f -> f.startsWith(prefix))
                    .map(f -> f.substring(prefix.length())).toList();
            grades.add(gradeExercise(e, submission.resolve("exercises").resolve(e.name()), mine, deadline));
        }
        List<String> kitLevel = ignored.stream().filter(f -> !f.matches("exercises/\\d\\d-[^/]+/.*")).toList();
        BigDecimal points = Grades.sum(grades.stream().map(Grades.ExerciseGrade::points).toList());
        BigDecimal max = Grades.sum(grades.stream().map(Grades.ExerciseGrade::max).toList());
        return new Grades.SubmissionGrade(submission.getFileName() == null ? submission.toString()
                : submission.getFileName().toString(), points, max, grades, kitLevel);
    }

    private Grades.ExerciseGrade gradeExercise(Exercise e, Path dir, List<String> ignored, Duration deadline)
            throws IOException, InterruptedException {
        List<TestOutcome> expectedTests = expectedTests(e);
        Path main = dir.resolve("src/main/java");
        RunResult run;
        if (!Files.isDirectory(main) || Compilation.sources(main).isEmpty()) {
            run = new RunResult.DoesNotCompile(List.of(new Compilation.CompileError(null, 0, 0,
                    Msg.GRADE_NO_SOURCES.text(), "")));
        } else {
            Path work = Files.createTempDirectory("connectkit-grade-");
            try (TestJvm jvm = TestJvm.start(toolchain, jvmProperties)) {
                run = new ExerciseRunner(toolchain, () -> jvm, deadline, locale).run(main, e.dir(), work);
            } finally {
                Folders.delete(work);
            }
        }
        return Scoring.score(e, expectedTests, run, kernelUnavailable, ignored);
    }

    /** The template's graded tests of {@code e}, listed once: every test tagged with one of its tasks. */
    private List<TestOutcome> expectedTests(Exercise e) throws IOException, InterruptedException {
        List<TestOutcome> tests = expected.get(e.name());
        if (tests != null) {
            return tests;
        }
        Path work = Files.createTempDirectory("connectkit-template-");
        try (TestJvm jvm = TestJvm.start(toolchain, jvmProperties)) {
            List<TestOutcome> all = new ExerciseRunner(toolchain, () -> jvm, deadline, locale)
                    .discover(e.mainSources(), e.dir(), work);
            tests = all.stream().filter(t -> t.task() >= 1 && t.task() <= e.spec().tasks()).toList();
            Map<Integer, Integer> perTask = new LinkedHashMap<>();
            tests.forEach(t -> perTask.merge(t.task(), 1, Integer::sum));
            for (int task = 1; task <= e.spec().tasks(); task++) {
                if (!perTask.containsKey(task)) {
                    throw new IOException(Msg.ERR_TEMPLATE_TASK.text(template.relativize(e.dir().resolve(ExerciseSpec.FILE)),
                            task));
                }
            }
        } finally {
            Folders.delete(work);
        }
        expected.put(e.name(), tests);
        return tests;
    }
}
