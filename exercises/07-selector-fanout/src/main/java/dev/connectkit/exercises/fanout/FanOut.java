package dev.connectkit.exercises.fanout;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Exercise 07: many connects at once, with one poll() and a deadline. Instructions: README.md. */
public final class FanOut {
    private FanOut() {
    }

    /** What became of one target. */
    public enum Outcome {
        /** The handshake completed: SO_ERROR was 0. */
        CONNECTED,
        /** The attempt ended with an error in SO_ERROR (ECONNREFUSED, EHOSTUNREACH, ...). */
        FAILED,
        /** The attempt was still going when the deadline passed. */
        TIMED_OUT
    }

    /**
     * Starts a non-blocking connect to every target at once, waits with poll() until each attempt has ended or
     * {@code deadline} (on {@code sockets.clock()}) has passed, closes every socket it opened, and returns each
     * target's outcome.
     */
    public static Map<SockAddr.In, Outcome> connectAll(Sockets sockets, List<SockAddr.In> targets, Duration deadline)
            throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: FanOut.connectAll (README.md, task 1)");
    }
}
