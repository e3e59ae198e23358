package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.Pristine;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.StudentReport;
import dev.connectkit.exercises.tools.run.Folders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code connectkit reset NN}: the exercise's code back to the stub the handout shipped. The student's version is
 * moved to {@code .connectkit/backups/NN-name-TIME/} first, never deleted.
 */
@Command(name = "reset")
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Parameters(index = "0", paramLabel = "NN", converter = Converters.ExerciseRef.class, descriptionKey = "common.exercise")
    String exercise;

    @Override
    public Integer call() throws Exception {
        Exercise e = parent.exercise(exercise);
        Optional<Path> stub = Pristine.stubOf(parent.kit, e);
        if (stub.isEmpty()) {
            parent.err.println(Msg.RESET_NO_STUBS.text(parent.kit.relativize(e.mainSources())));
            return 1;
        }
        if (!Pristine.edited(parent.kit, e)) {
            parent.out.println(Msg.RESET_NOTHING.text(StudentReport.label(e)));
            return 0;
        }
        Path backup = parent.kit.resolve(".connectkit/backups").resolve(e.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (int n = 2; Files.exists(backup); n++) {
            backup = backup.resolveSibling(backup.getFileName() + "-" + n);
        }
        Path saved = backup.resolve("src/main/java");
        Files.createDirectories(saved);
        if (Files.isDirectory(e.mainSources())) {
            Folders.copy(e.mainSources(), saved);
            Folders.delete(e.mainSources());
        }
        Folders.copy(stub.get(), e.mainSources());
        StudentLoop.forget(e);
        parent.out.println(Msg.RESET_DONE.text(StudentReport.label(e), parent.kit.relativize(backup)));
        return 0;
    }
}
