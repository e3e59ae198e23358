package dev.connectkit.examples.support;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.trace.Printable;

import java.io.PrintStream;
import java.util.List;

/**
 * A runnable example, as the catalogue, the tour and the launcher see it: a name, a summary in each language, the
 * statements of the man page it shows, its options, and a way to run it with an exit status.
 *
 * <p>The exit status is the same for every example: 0 when it ran, 1 when a system call failed (one line names
 * the call, the descriptor, the address and the errno, as perror() would), 2 for bad input (one line naming the
 * problem and the usage). Nothing reaches the user as a stack trace.
 *
 * <p>The examples of the {@code dev.connectkit.examples} module are described by their descriptor files; an example
 * in another module joins the catalogue by providing this interface ({@code provides ... with ...} in its
 * module-info). A program that parses its own arguments implements {@link #main(List, Narrator)} and inherits
 * {@link #run(List, PrintStream, PrintStream)}; one with its own command line overrides {@code run}.
 */
public interface Example {

    /** The name used on the command line, such as {@code tcp-client}. */
    String name();

    /** One line: what the example shows, in the current language. */
    String summary();

    /** One line: what the example shows, in {@code language}; the current language's unless overridden. */
    default String summary(Language language) {
        return summary();
    }

    /** The statements of the man page the example shows, in order; none unless overridden. */
    default List<Statement> statements() {
        return List.of();
    }

    /** The options, as a usage line shows them: {@code [--host ADDRESS] [--port PORT]}. */
    String usage();

    /**
     * The example itself, for a program that parses {@code args} on its own and narrates to {@code out}.
     *
     * @throws UsageException for bad input (exit status 2)
     * @throws ErrnoException when a system call failed (exit status 1)
     */
    default void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        throw new UnsupportedOperationException(name() + " has its own command line: call run(args, out, err)");
    }

    /** Exit status for success. */
    int OK = 0;
    /** Exit status when a system call failed. */
    int FAILED = 1;
    /** Exit status for bad command-line input. */
    int USAGE = 2;

    /** Runs the example with its exit-status contract and returns the status. */
    default int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            main(args, new Narrator(out));
            return OK;
        } catch (UsageException e) {
            err.println(Printable.line(name() + ": " + e.getMessage() + " (usage: " + name() + " " + usage() + ")"));
            return USAGE;
        } catch (ErrnoException e) {
            err.println(Printable.line(name() + ": " + e.getLocalizedMessage()));
            return FAILED;
        } catch (UnsupportedOperationException | IllegalStateException | java.io.UncheckedIOException e) {
            // The backend cannot run here, or a java.net call failed: one line, never a stack trace.
            err.println(Printable.line(name() + ": " + e.getMessage()));
            return FAILED;
        }
    }
}
