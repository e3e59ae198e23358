package dev.connectkit.exercises.fanout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Exercise 07: many connects at once, with a Selector and a deadline. Instructions: README.md. */
public final class FanOut {
    private FanOut() {
    }

    /** What became of one target. */
    public enum Outcome { CONNECTED, REFUSED, TIMED_OUT }

    /** Connects to every target at once; returns each one's outcome, at the latest when {@code deadline} passed. */
    public static Map<InetSocketAddress, Outcome> connectAll(List<InetSocketAddress> targets, Duration deadline)
            throws IOException {
        throw new UnsupportedOperationException("not implemented yet: FanOut.connectAll (README.md, task 1)");
    }
}
