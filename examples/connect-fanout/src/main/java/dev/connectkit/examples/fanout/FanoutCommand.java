package dev.connectkit.examples.fanout;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

/**
 * The command line of {@code connect-fanout}, parsed by picocli. Every number is ASCII digits within a documented
 * range ({@link Settings}); anything else is a usage error.
 */
@Command(name = "connect-fanout")
final class FanoutCommand {
    @Option(names = "--count", converter = AsciiInt.class)
    int count = Settings.DEFAULT_COUNT;

    @Option(names = "--timeout-ms", converter = AsciiInt.class)
    int timeoutMillis = Settings.DEFAULT_TIMEOUT_MS;

    @Option(names = "--window", converter = AsciiInt.class)
    int window = Settings.DEFAULT_WINDOW;

    @Option(names = "--rounds", converter = AsciiInt.class)
    int rounds = Settings.DEFAULT_ROUNDS;

    @Option(names = "--svg")
    String svg;

    @Option(names = "--simulated")
    boolean simulated;

    /** The options in {@code args}, or the picocli error that names the first bad one. */
    static FanoutCommand parse(List<String> args) throws CommandLine.ParameterException {
        FanoutCommand command = new FanoutCommand();
        new CommandLine(command).setUnmatchedArgumentsAllowed(false).parseArgs(args.toArray(String[]::new));
        return command;
    }

    /** An int written in ASCII digits only: {@code Integer.parseInt} would also take {@code ١٠} (Arabic-Indic) as 10. */
    static final class AsciiInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new TypeConversionException(Text.current().get("error.notNumber", Printable.of(text)));
            }
            long value = Long.parseLong(text);
            if (value > Integer.MAX_VALUE) {
                throw new TypeConversionException(Text.current().get("error.notNumber", Printable.of(text)));
            }
            return (int) value;
        }
    }
}
