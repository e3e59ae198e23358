package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.StudentReport;
import dev.connectkit.exercises.tools.loop.Verdict;
import dev.connectkit.exercises.tools.run.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code connectkit test NN}: one exercise's tests, reported for a student. Exit status 0 when it passes, 1 when
 * it does not.
 */
@Command(name = "test")
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Parameters(index = "0", paramLabel = "NN", converter = Converters.ExerciseRef.class, descriptionKey = "common.exercise")
    String exercise;

    @Option(names = "--verbose", descriptionKey = "test.verbose")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Exercise e = parent.exercise(exercise);
        var language = ConnectkitCommand.language();
        try (StudentLoop loop = new StudentLoop(parent.kit, Toolchain.current(), language)) {
                StudentLoop.Result result = loop.result(e);
            boolean passes = Verdict.of(result.run(), e.spec()).passes();
            new StudentReport(parent.kit, language, parent.out).print(e, result.run(), next(loop, e), true, verbose);
            return passes ? 0 : 1;
        }
    }

    /** The next exercise that does not pass, as far as the cached results know; the next one in order if none. */
    private static Optional<Exercise> next(StudentLoop loop, Exercise current) throws java.io.IOException {
        List<Exercise> all = loop.exercises();
        int at = all.indexOf(current);
        return at >= 0 && at + 1 < all.size() ? Optional.of(all.get(at + 1)) : Optional.empty();
    }
}
