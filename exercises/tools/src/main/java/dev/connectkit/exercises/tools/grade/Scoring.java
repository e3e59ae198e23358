package dev.connectkit.exercises.tools.grade;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.exercise.ExerciseSpec;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.StudentReport;
import dev.connectkit.exercises.tools.run.Compilation;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestOutcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points of one exercise: each task's points shared among the template's tests of that task, a share for
 * each test that counts. A test counts when it passed, or when it was skipped for a reason the template declares
 * environmental and the grading machine really lacks. A run that was refused or cut short counts nothing.
 */
final class Scoring {
    private Scoring() {
    }

    static Grades.ExerciseGrade score(Exercise e, List<TestOutcome> expected, RunResult run,
                                      Optional<String> kernelUnavailable, List<String> ignored) {
        Map<String, TestOutcome> reported = new HashMap<>();
        boolean counts = run instanceof RunResult.Ran;
        if (run instanceof RunResult.Ran ran) {
            ran.tests().forEach(t -> reported.put(t.id(), t));
        }
        ExerciseSpec spec = e.spec();
        List<Grades.TaskGrade> tasks = new ArrayList<>();
        String firstProblem = "";
        for (int task = 1; task <= spec.tasks(); task++) {
            int taskNumber = task;
            List<TestOutcome> ofTask = expected.stream().filter(t -> t.task() == taskNumber).toList();
            List<Grades.TestGrade> tests = new ArrayList<>();
            int credited = 0;
            for (TestOutcome want : ofTask) {
                TestOutcome got = counts ? reported.get(want.id()) : null;
                Grades.TestGrade grade = grade(spec, want, got, kernelUnavailable);
                tests.add(grade);
                credited += grade.credited() ? 1 : 0;
                if (!grade.credited() && firstProblem.isEmpty() && counts) {
                    firstProblem = Msg.GRADE_REASON_TASK.text(task, want.name(), grade.message().isEmpty()
                            ? grade.status().name().toLowerCase(java.util.Locale.ROOT) : grade.message());
                }
            }
            String name = ofTask.isEmpty() ? "" : ofTask.getFirst().taskName();
            tasks.add(new Grades.TaskGrade(task, name, Grades.share(spec.pointsOf(task), credited, ofTask.size()),
                    spec.pointsOf(task), tests));
        }
        BigDecimal points = Grades.sum(tasks.stream().map(Grades.TaskGrade::points).toList());
        String reason = switch (run) {
            case RunResult.Ran ran -> firstProblem;
            case RunResult.DoesNotCompile d -> Msg.GRADE_REASON_DOES_NOT_COMPILE.text(first(d.errors()));
            case RunResult.TestsDoNotCompile d -> Msg.GRADE_REASON_TESTS_DO_NOT_COMPILE.text(first(d.errors()));
            case RunResult.Refused r -> StudentReport.findingLine(r.findings().getFirst())
                    + (r.findings().size() > 1 ? " " + Msg.GRADE_AND_MORE.text(r.findings().size() - 1) : "");
            case RunResult.Stopped s -> switch (s.why()) {
                case TIMED_OUT -> Msg.GRADE_REASON_TIMEOUT.text();
                case OUTPUT_LIMIT -> Msg.GRADE_REASON_OUTPUT.text(ExerciseRunner.OUTPUT_LIMIT >> 20);
                case EXITED -> Msg.GRADE_REASON_EXIT.text(s.exitStatus());
            };
        };
        if (!ignored.isEmpty() && points.compareTo(spec.maxPoints()) < 0) {
            reason = (reason.isEmpty() ? "" : reason + "; ") + Msg.GRADE_IGNORED.text(String.join(", ",
                    ignored.subList(0, Math.min(4, ignored.size()))) + (ignored.size() > 4 ? ", …" : ""));
        }
        return new Grades.ExerciseGrade(e.name(), points, spec.maxPoints(), oneLine(reason), ignored, tasks);
    }

    private static Grades.TestGrade grade(ExerciseSpec spec, TestOutcome want, TestOutcome got,
                                          Optional<String> kernelUnavailable) {
        if (got == null) {
            return new Grades.TestGrade(want.name(), Grades.TestStatus.MISSING, Msg.GRADE_NOT_RUN.text(), false);
        }
        return switch (got.status()) {
            case PASSED -> new Grades.TestGrade(want.name(), Grades.TestStatus.PASSED, "", true);
            case FAILED -> new Grades.TestGrade(want.name(), Grades.TestStatus.FAILED, oneLine(firstLine(
                    got.message(), got.exception())), false);
            case SKIPPED -> {
                boolean environmental = want.tags().stream().anyMatch(spec.environmental()::contains)
                        && kernelUnavailable.isPresent();
                yield new Grades.TestGrade(want.name(), Grades.TestStatus.SKIPPED, environmental
                        ? Msg.GRADE_SKIP_ENVIRONMENTAL.text(kernelUnavailable.get())
                        : Msg.GRADE_SKIP_NOT_COUNTED.text(oneLine(firstLine(got.message(), ""))), environmental);
            }
        };
    }

    private static String first(List<Compilation.CompileError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        Compilation.CompileError e = errors.getFirst();
        String file = e.file() == null ? "" : e.file().getFileName() + (e.line() > 0 ? ":" + e.line() : "") + ": ";
        return file + firstLine(e.message(), "");
    }

    /**
     * A failure's message on one line: its lines joined, without the stack frames some assertion messages quote;
     * the exception's simple name when there is no message.
     */
    private static String firstLine(String message, String exception) {
        String line = String.join(" ", message.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.matches("at \\S+\\(.*\\)") && !l.matches("\\.\\.\\.\\(\\d+ remaining lines.*")).toList());
        if (line.isEmpty() && !exception.isEmpty()) {
            return exception.substring(exception.lastIndexOf('.') + 1);
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Control characters (a student's exception message may carry any) become spaces; one line. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String s = b.toString().strip();
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
