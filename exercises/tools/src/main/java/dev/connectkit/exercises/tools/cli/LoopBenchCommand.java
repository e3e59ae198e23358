package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.bench.LoopBenchmark;
import dev.connectkit.exercises.tools.run.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code connectkit loop-bench [--runs N] [--exercise NN]}: how fast the student loop answers, measured. (The
 * kit's {@code bench} is the fan-out and per-call benchmark of connect() itself.)
 */
@Command(name = "loop-bench")
final class LoopBenchCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Option(names = "--runs", paramLabel = "N", converter = Converters.Runs.class, descriptionKey = "loop-bench.runs")
    Integer runs;

    @Option(names = "--exercise", paramLabel = "NN", converter = Converters.ExerciseRef.class,
            descriptionKey = "loop-bench.exercise")
    String exercise;

    @Override
    public Integer call() throws Exception {
        return LoopBenchmark.run(parent.kit, parent.exercise(exercise == null ? "04" : exercise),
                runs == null ? 5 : runs, Toolchain.current(), ConnectkitCommand.language(), parent.out);
    }
}
