package dev.connectkit.examples.support;

import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.ErrnoException;

import java.io.PrintStream;

/**
 * Prints what an example does, one system call a line, the way strace shows it: the call, its return value,
 * errno by name and number on failure, and the man-page statement the line demonstrates.
 *
 * <pre>
 * connect(5, 127.0.0.1:41235) = 0                        [S-07] connection-mode connect attempts a connection
 * connect(6, 127.0.0.1:9) = -1 ECONNREFUSED (111) Connection refused
 * </pre>
 */
public final class Narrator {
    private static final int CALL_WIDTH = 46;

    private final PrintStream out;

    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** A call that returns a value to show, such as a descriptor or an address. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ErrnoException;
    }

    /** A call that returns 0 or fails. */
    @FunctionalInterface
    public interface VoidCall {
        void run() throws ErrnoException;
    }

    /** Runs {@code call}, prints "{@code text = result}", and returns the result; on failure prints the errno. */
    public <T> T call(String text, Call<T> call) throws ErrnoException {
        return call(null, text, call);
    }

    /** As {@link #call(String, Call)}, naming the statement this line demonstrates. */
    public <T> T call(Statement statement, String text, Call<T> call) throws ErrnoException {
        try {
            T result = call.run();
            line(text + " = " + result, statement);
            return result;
        } catch (ErrnoException e) {
            failed(text, e, statement);
            throw e;
        }
    }

    /** Runs a call that returns 0 in C, and prints "{@code text = 0}" or its errno. */
    public void call(String text, VoidCall call) throws ErrnoException {
        call(null, text, call);
    }

    /** As {@link #call(String, VoidCall)}, naming the statement this line demonstrates. */
    public void call(Statement statement, String text, VoidCall call) throws ErrnoException {
        call(statement, text, () -> {
            call.run();
            return 0;
        });
    }

    /** Prints a failed call: {@code text = -1 ERRNO (n) meaning}. */
    public void failed(String text, ErrnoException e, Statement statement) {
        line(text + " = -1 " + e.errno().describe() + " " + e.errno().meaning(), statement);
    }

    /** A line of commentary, set off from the calls. */
    public void note(String text) {
        out.println("    # " + text);
    }

    /** A line of commentary that demonstrates a statement. */
    public void note(Statement statement, String text) {
        line("    # " + text, statement);
    }

    /** What the embedded peer did, marked as the other side of the conversation. */
    public void peer(String text) {
        out.println("    [peer] " + text);
    }

    /** A heading that starts a part of the example. */
    public void heading(String text) {
        out.println();
        out.println("== " + text);
    }

    /** Any other line. */
    public void println(String text) {
        out.println(text);
    }

    private void line(String text, Statement statement) {
        if (statement == null) {
            out.println(text);
        } else {
            String padded = text.length() < CALL_WIDTH ? text + " ".repeat(CALL_WIDTH - text.length()) : text + "  ";
            out.println(padded + "[" + statement.id() + "] " + statement.title());
        }
    }
}
