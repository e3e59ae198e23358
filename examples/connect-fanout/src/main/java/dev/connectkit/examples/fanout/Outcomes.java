package dev.connectkit.examples.fanout;

import java.time.Duration;

/**
 * What one variant did in one round: how many connections were made, refused and timed out; when the last
 * answered one (made or refused) was settled; and when the last one of all was, timeouts included.
 *
 * <p>{@code answered} is the work above the timeout floor: the silent endpoints cost every variant the same
 * {@code --timeout-ms}, so the wall time flatters the slower variants, and the ratios to C are taken on
 * {@code answered}. It is measured from the first connect() to the settling of the last answered connection.
 *
 * @param variant  the variant's name, as the tables print it
 * @param answered from the first connect() until the last answered connection was settled
 * @param wall     from the first connect() until every connection was settled, timeouts included
 */
public record Outcomes(String variant, int connected, int refused, int timedOut, Duration answered, Duration wall) {

    /** Every connection the variant settled. */
    public int total() {
        return connected + refused + timedOut;
    }

    /** What the timeouts added after the last answered connection: the floor, and how late it was handled. */
    public Duration timeoutTail() {
        return wall.minus(answered);
    }

    /** Answered connections per second of {@link #answered()}. */
    public double answeredPerSecond() {
        return (connected + refused) / Math.max(1e-9, answered.toNanos() / 1e9);
    }

    /** Whether the counts are exactly {@code expected}: connected, refused, timed out. */
    public boolean matches(int[] expected) {
        return connected == expected[0] && refused == expected[1] && timedOut == expected[2];
    }
}
