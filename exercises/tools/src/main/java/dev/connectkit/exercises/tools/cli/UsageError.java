package dev.connectkit.exercises.tools.cli;

import picocli.CommandLine;

/**
 * A bad argument, with the one line that says what is wrong (already translated and printable). Converters throw
 * it; the usage handler prints its message as it is.
 */
public final class UsageError extends CommandLine.TypeConversionException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
