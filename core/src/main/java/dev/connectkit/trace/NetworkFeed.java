package dev.connectkit.trace;

import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The simulated network's own steps (segments, states, timers, signals) as they happen, for the trace to merge
 * with the calls it prints itself. The network's CALL and RETURN events are left out: the tracer prints those
 * calls in its own format.
 *
 * <p>The network streams each step to this feed's sink while the simulation holds its own lock, so the sink only
 * queues it; the tracer takes the queue at its own moments (a call's return, a note), never under the
 * simulation's lock. The network's time is virtual time since the simulation began, on the same axis as its
 * clock's {@link java.time.InstantSource#instant()} (the epoch plus the elapsed time), so a line is placed by
 * subtracting the trace's origin.
 */
final class NetworkFeed {
    private final Queue<TraceEvent> arrived = new ConcurrentLinkedQueue<>();

    NetworkFeed(SimNetwork network) {
        network.traceTo(event -> {
            if (event.kind() != TraceEvent.Kind.CALL && event.kind() != TraceEvent.Kind.RETURN) {
                arrived.add(event);
            }
        });
    }

    /** The steps since the last call, as trace lines timed from {@code origin}. */
    List<TraceLine> drain(Instant origin) {
        List<TraceLine> lines = new ArrayList<>();
        for (TraceEvent e; (e = arrived.poll()) != null; ) {
            Duration at = Duration.between(origin, Instant.EPOCH.plus(e.at()));
            lines.add(new TraceLine.Network(at.isNegative() ? Duration.ZERO : at, e.host(), e.kind(), e.text()));
        }
        return lines;
    }
}
