package dev.connectkit.examples.support;

/** Bad command-line input: reported in one line with the usage, exit status 2, never a stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
