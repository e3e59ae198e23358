package dev.connectkit.internal.sim;

import java.util.PriorityQueue;

/** Actions scheduled at virtual instants, run in time order; actions at the same instant run in the order added. */
final class EventQueue {
    private record Event(long at, long sequence, Runnable action) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    void at(long nanos, Runnable action) {
        queue.add(new Event(nanos, sequence++, action));
    }

    /** The instant of the next event, or {@link Long#MAX_VALUE} if none is scheduled. */
    long nextAt() {
        Event next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.at;
    }

    /** Runs the next event if it is due at or before {@code now}; returns whether one ran. */
    boolean runOneDue(long now) {
        Event next = queue.peek();
        if (next == null || next.at > now) {
            return false;
        }
        queue.poll();
        next.action.run();
        return true;
    }
}
