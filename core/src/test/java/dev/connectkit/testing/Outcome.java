package dev.connectkit.testing;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;

/**
 * What a system call did, as C shows it: {@code 0} or {@code -1} with an errno. Comparing outcomes makes
 * assertion messages read like strace: "expected -1 EINPROGRESS (115) but was 0".
 */
public record Outcome(Errno errno) {

    /** A call that returns nothing useful but may fail with an errno. */
    @FunctionalInterface
    public interface Call {
        void run() throws ErrnoException;
    }

    /** Runs {@code call} and records whether it succeeded or which errno it failed with. */
    public static Outcome of(Call call) {
        try {
            call.run();
            return success();
        } catch (ErrnoException e) {
            return new Outcome(e.errno());
        }
    }

    /** A call that returned 0. */
    public static Outcome success() {
        return new Outcome(null);
    }

    /** A call that returned -1 with this errno. */
    public static Outcome failed(Errno errno) {
        return new Outcome(errno);
    }

    /** Whether the call succeeded. */
    public boolean succeeded() {
        return errno == null;
    }

    @Override
    public String toString() {
        return errno == null ? "0" : "-1 " + errno.describe();
    }
}
