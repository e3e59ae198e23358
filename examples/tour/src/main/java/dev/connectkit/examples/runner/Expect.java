package dev.connectkit.examples.runner;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;

/**
 * A call that must fail with a given errno, as the man page says it does: C's
 * {@code if (connect(...) < 0 && errno == EINPROGRESS)}. The example stops (exit status 1) when the call
 * succeeds or fails otherwise, so an example never shows a behaviour it did not get.
 */
public final class Expect {
    private Expect() {
    }

    /** A call that returns 0 in C, or fails. */
    @FunctionalInterface
    public interface Call {
        void run() throws ErrnoException;
    }

    /**
     * Runs {@code call}, which must fail with {@code errno}.
     *
     * @throws ErrnoException        the call's own failure, when it failed with another errno
     * @throws IllegalStateException when it succeeded
     */
    public static void expect(Errno errno, Call call) throws ErrnoException {
        try {
            call.run();
        } catch (ErrnoException e) {
            if (e.errno() == errno) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException("the call returned 0 where the man page says " + errno.name());
    }
}
