package dev.connectkit.examples.support;

import dev.connectkit.posix.ErrnoException;

import java.io.PrintStream;
import java.util.List;

/**
 * A runnable example: a name, a one-line usage, and a body that narrates to {@code out}.
 *
 * <p>{@link #run(List, PrintStream, PrintStream)} turns the body's outcome into an exit status: 0 when it ran,
 * 1 when a system call failed (the narrator has already printed the errno, as perror() would), 2 for bad input
 * (one line naming the problem and the usage). Nothing reaches the user as a stack trace.
 */
public interface Example {

    /** The name used on the command line, such as {@code tcp-client}. */
    String name();

    /** One line: what the example shows. */
    String summary();

    /** The options, as a usage line shows them: {@code [--host ADDRESS] [--port PORT]}. */
    String usage();

    /** The example itself. */
    void main(List<String> args, Narrator out) throws UsageException, ErrnoException;

    /** Exit status for success. */
    int OK = 0;
    /** Exit status when a system call failed. */
    int FAILED = 1;
    /** Exit status for bad command-line input. */
    int USAGE = 2;

    /** Runs the example with its exit-status contract. */
    default int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            main(args, new Narrator(out));
            return OK;
        } catch (UsageException e) {
            err.println(name() + ": " + e.getMessage() + " (usage: " + name() + " " + usage() + ")");
            return USAGE;
        } catch (ErrnoException e) {
            err.println(name() + ": " + e.getMessage());
            return FAILED;
        } catch (UnsupportedOperationException | IllegalStateException | java.io.UncheckedIOException e) {
            // The backend cannot run here, or a java.net call failed: one line, never a stack trace.
            err.println(name() + ": " + e.getMessage());
            return FAILED;
        }
    }
}
