package dev.connectkit.examples.runner;

import dev.connectkit.trace.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one line a command prints for bad input: the command, the problem in the run's language, and the usage;
 * never a stack trace, never a raw control character.
 * {@code tcp-client: --port: not a port number: "١" (usage: tcp-client [-h] [--simulated] ...)}.
 */
public final class UsageLine {
    private UsageLine() {
    }

    /** The line for a problem picocli found while parsing. */
    public static String of(String command, CommandLine.ParameterException e, Text text) {
        return of(command, problem(e, text), synopsis(e.getCommandLine()), text);
    }

    /** The line for {@code problem}, with the synopsis of {@code commandLine}. */
    public static String of(String command, String problem, String synopsis, Text text) {
        return Printable.line(text.get("error.line", command, problem, synopsis));
    }

    /**
     * Refuses the arguments picocli left unmatched: it lets them pass when {@code --help} is among them, but an
     * unknown option is bad input whatever else was asked for.
     *
     * @throws CommandLine.UnmatchedArgumentException naming them
     */
    public static void refuseUnmatched(CommandLine commandLine) {
        if (!commandLine.getUnmatchedArguments().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(commandLine, commandLine.getUnmatchedArguments());
        }
    }

    /** A command's synopsis on one line: {@code tcp-client [-h] [--simulated] [--host=ADDRESS]}. */
    public static String synopsis(CommandLine commandLine) {
        return commandLine.getHelp().synopsis(0).replaceAll("\\s+", " ").strip();
    }

    private static String problem(CommandLine.ParameterException e, Text text) {
        return switch (e) {
            case CommandLine.UnmatchedArgumentException u when !u.getUnmatched().isEmpty() -> {
                String arg = u.getUnmatched().getFirst();
                yield arg.startsWith("-") && arg.length() > 1
                        ? text.get("error.unknownOption", Printable.line(arg))
                        : text.get("error.unexpectedArgument", Printable.line(arg));
            }
            case CommandLine.MissingParameterException m when m.getMissing() != null && !m.getMissing().isEmpty() ->
                    text.get("error.missingValue", name(m.getMissing().getFirst()));
            case CommandLine.OverwrittenOptionException o -> text.get("error.repeated", name(o.getOverwritten()));
            default -> e.getCause() instanceof CommandLine.TypeConversionException conversion
                    ? text.get("error.option", name(e.getArgSpec()), conversion.getMessage())
                    : Printable.line(e.getMessage());
        };
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }
}
