package dev.connectkit.trace;

import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated network's own steps (segments, states, timers, signals), read as they happen, for the trace to
 * merge with the calls it prints itself. The network's CALL and RETURN events are left out: the tracer has
 * already printed those calls in its own format.
 *
 * <p>The network's time is virtual time since the simulation began, on the same axis as its clock's
 * {@link java.time.InstantSource#instant()} (the epoch plus the elapsed time), so a line is placed by
 * subtracting the trace's origin.
 */
final class NetworkFeed {
    private final SimNetwork network;
    private int seen;

    NetworkFeed(SimNetwork network) {
        this.network = network;
        this.seen = network.trace().size();
    }

    /** The steps since the last call, as trace lines timed from {@code origin}. */
    List<TraceLine> drain(Instant origin) {
        List<TraceEvent> all = network.trace();
        List<TraceLine> lines = new ArrayList<>();
        for (int i = seen; i < all.size(); i++) {
            TraceEvent e = all.get(i);
            if (e.kind() != TraceEvent.Kind.CALL && e.kind() != TraceEvent.Kind.RETURN) {
                Duration at = Duration.between(origin, Instant.EPOCH.plus(e.at()));
                lines.add(new TraceLine.Network(at.isNegative() ? Duration.ZERO : at, e.host(), e.kind(), e.text()));
            }
        }
        seen = all.size();
        return lines;
    }
}
