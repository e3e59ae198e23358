package dev.connectkit.examples.fanout;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The counts of one round as a single thread settles them, and when the last answered one was settled. */
final class Tally {
    private final LongSupplier nanos;
    private final long start;
    private long lastAnswered;
    private int connected;
    private int refused;
    private int timedOut;

    /** Starts the round's clock: {@code nanos} is System::nanoTime, or the simulator's virtual clock. */
    Tally(LongSupplier nanos) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastAnswered = start;
    }

    void connected() {
        connected++;
        lastAnswered = nanos.getAsLong();
    }

    void refused() {
        refused++;
        lastAnswered = nanos.getAsLong();
    }

    void timedOut() {
        timedOut++;
    }

    int settled() {
        return connected + refused + timedOut;
    }

    Outcomes outcomes(String variant) {
        long end = nanos.getAsLong();
        return new Outcomes(variant, connected, refused, timedOut, Duration.ofNanos(lastAnswered - start),
                Duration.ofNanos(end - start));
    }
}
