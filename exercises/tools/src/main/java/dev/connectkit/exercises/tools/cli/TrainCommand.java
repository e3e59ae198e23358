package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.loop.Pristine;
import dev.connectkit.exercises.tools.loop.StudentReport;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.Folders;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestJvm;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.i18n.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code connectkit train}, run by the launcher once after it builds the tools (hidden): a student's loop on the
 * first exercise's stub, in a temporary folder, so the JVM can record which classes the tools and a test JVM
 * load (their ahead-of-time caches). It touches none of the student's files and prints nothing.
 */
@Command(name = "train", hidden = true)
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Override
    public Integer call() throws Exception {
        List<Exercise> all = Exercise.all(parent.kit.resolve("exercises"));
        if (all.isEmpty()) {
            return 0;
        }
        Exercise e = all.getFirst();
        Path work = Files.createTempDirectory("connectkit-train-");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (TestJvm jvm = TestJvm.start(Toolchain.current(), List.of())) {
            RunResult run = new ExerciseRunner(Toolchain.current(), () -> jvm, Duration.ofSeconds(60),
                    Language.EN.bundleLocale()).run(Pristine.stubOrCode(parent.kit, e), e.dir(), work);
            new StudentReport(parent.kit, Language.EN, quiet).print(e, run, Optional.empty(), true, true);
        } finally {
            Folders.delete(work);
        }
        return 0;
    }
}
