package dev.connectkit.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The simulation's clock. It starts at the epoch and moves only when the simulation advances it: when a
 * blocking call waits for the next event, or when a reader calls {@link SimNetwork#advance(Duration)}.
 */
public final class VirtualClock implements InstantSource {
    private volatile long nanos; // written under the simulation's lock, read from any thread

    /** A clock at the start of a simulation: time zero. */
    public VirtualClock() {
    }

    /** Time since the simulation started. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    /** Nanoseconds since the simulation started. */
    public long nanos() {
        return nanos;
    }

    /** Moves the clock forward to {@code nanos}; it never goes back. */
    public void advanceTo(long nanos) {
        if (nanos < this.nanos) {
            throw new IllegalStateException("virtual time cannot go back from " + this.nanos + " to " + nanos);
        }
        this.nanos = nanos;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(nanos);
    }
}
