package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.grade.GradeReports;
import dev.connectkit.exercises.tools.grade.Grader;
import dev.connectkit.exercises.tools.grade.Grades;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.posix.Sockets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code connectkit grade --pristine TEMPLATE [SUBMISSION...]}: points per exercise and task, with trusted code
 * only. The grade runs the template's own tools: when TEMPLATE is not the kit this command runs from, it hands
 * the whole command to {@code TEMPLATE/connectkit}. Without submissions it grades the current folder.
 */
@Command(name = "grade")
final class GradeCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Option(names = "--pristine", paramLabel = "TEMPLATE", required = true, converter = Converters.ExistingFolder.class,
            descriptionKey = "grade.pristine")
    Path template;

    @Parameters(paramLabel = "SUBMISSION", arity = "0..*", converter = Converters.ExistingFolder.class,
            descriptionKey = "grade.submissions")
    List<Path> submissions = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", converter = Converters.OutputFile.class, descriptionKey = "grade.json")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", converter = Converters.OutputFile.class, descriptionKey = "grade.junit")
    Path junit;

    @Option(names = "--csv", paramLabel = "FILE", converter = Converters.OutputFile.class, descriptionKey = "grade.csv")
    Path csv;

    @Option(names = "--summary", paramLabel = "FILE", converter = Converters.OutputFile.class,
            descriptionKey = "grade.summary")
    Path summary;

    @Option(names = "--classroom", paramLabel = "FILE", converter = Converters.OutputFile.class,
            descriptionKey = "grade.classroom")
    Path classroom;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            descriptionKey = "grade.timeout")
    Integer timeout;

    /** Only these exercises (for tests of the grader and quick checks), by folder name. */
    @Option(names = "--only", paramLabel = "NN", converter = Converters.ExerciseRef.class, descriptionKey = "grade.only")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(template.resolve("connectkit")) || !Files.isDirectory(template.resolve("exercises"))) {
            throw new UsageError(Msg.GRADE_NOT_A_TEMPLATE.text(Terminal.quote(template.toString())));
        }
        if (classroom != null && submissions.size() > 1) {
            throw new UsageError(Msg.GRADE_CLASSROOM_ONE.text());
        }
        if (!template.toRealPath().equals(parent.kit.toRealPath())) {
            return handOver();
        }
        List<Path> graded = submissions.isEmpty() ? List.of(Path.of("").toAbsolutePath()) : submissions;
        Grader grader = new Grader(Toolchain.current(), template, Duration.ofSeconds(timeout == null ? 120 : timeout),
                ConnectkitCommand.language().bundleLocale(), Sockets.nativeUnavailableReason(),
                dev.connectkit.exercises.tools.run.TestJvm.properties(ConnectkitCommand.language()));
        List<String> onlyNames = new ArrayList<>();
        for (String ref : only) {
            onlyNames.add(dev.connectkit.exercises.tools.exercise.Exercise.find(grader.exercises(), ref)
                    .orElseThrow(() -> new UsageError(Msg.CLI_NO_SUCH_EXERCISE.text(Terminal.quote(ref),
                            grader.exercises().getFirst().number(), grader.exercises().getLast().number()))).name());
        }
        List<Grades.SubmissionGrade> grades = new ArrayList<>();
        int width = graded.stream().mapToInt(p -> String.valueOf(p.getFileName()).length()).max().orElse(10);
        for (Path submission : graded) {
            Grades.SubmissionGrade g = grader.grade(submission, onlyNames);
            grades.add(g);
            if (graded.size() == 1) {
                GradeReports.table(g, parent.out);
            } else {
                parent.out.println(GradeReports.line(g, Math.max(10, width)));
            }
            parent.out.flush();
        }
        write(json, GradeReports.json(grades), false);
        write(junit, GradeReports.junitXml(grades), false);
        write(csv, GradeReports.csv(grades), false);
        write(summary, GradeReports.summary(grades), true);
        if (classroom != null) {
            write(classroom, GradeReports.classroom(grades.getFirst()), false);
        }
        return 0;
    }

    private void write(Path file, String text, boolean append) throws java.io.IOException {
        if (file == null) {
            return;
        }
        if (append) {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        parent.err.println(Msg.GRADE_WROTE.text(file));
    }

    /** Runs the same command with the template's own launcher and tools; returns its exit status. */
    private int handOver() throws Exception {
        parent.err.println(Msg.GRADE_HANDING_OVER.text(template));
        List<String> command = new ArrayList<>(List.of("bash", template.resolve("connectkit").toString()));
        command.addAll(Main.originalArguments());
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor();
    }
}
