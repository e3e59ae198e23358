package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code connectkit} as far as the exercises go: the parent of the exercise commands, holding what they share
 * (the kit's folder, the output streams, the language).
 */
@Command(name = "connectkit", subcommands = {ProgressCommand.class, TestCommand.class, HintCommand.class,
        ResetCommand.class, GradeCommand.class, HandoutCommand.class, LoopBenchCommand.class, TrainCommand.class})
public final class ConnectkitCommand implements Runnable {
    final Path kit;
    final PrintStream out;
    final PrintStream err;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "common.help")
    boolean help;

    ConnectkitCommand(Path kit, PrintStream out, PrintStream err) {
        this.kit = kit;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), Msg.CLI_NO_COMMAND.text());
    }

    /** The language of this run. */
    static Language language() {
        return Language.current();
    }

    /** The exercise {@code ref} names in this kit, or a usage error that lists the exercises. */
    Exercise exercise(String ref) throws IOException {
        List<Exercise> all = Exercise.all(kit.resolve("exercises"));
        return Exercise.find(all, ref).orElseThrow(() -> new UsageError(Msg.CLI_NO_SUCH_EXERCISE.text(
                Terminal.quote(ref), all.isEmpty() ? "-" : all.getFirst().number(),
                all.isEmpty() ? "-" : all.getLast().number())));
    }

    /** Options every exercise command takes. */
    static final class Common {
        @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "common.help")
        boolean help;

        @Option(names = "--lang", paramLabel = "LANG", converter = Converters.Lang.class, descriptionKey = "common.lang")
        Language lang;
    }
}
