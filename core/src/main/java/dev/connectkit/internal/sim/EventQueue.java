package dev.connectkit.internal.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * Actions scheduled at virtual instants, run in time order; actions at the same instant run in the order they
 * were scheduled.
 *
 * <p>A calendar: one first-in first-out list per instant, the instants in a sorted map. A simulation schedules
 * most of its events at few instants (every segment on loopback now, every SYN of a burst 10 ms later, every
 * retransmit a second after that), so scheduling costs a lookup among the instants pending and O(1) after it;
 * running the next event and cancelling a timer cost O(1). A cancelled timer leaves at once and takes no room:
 * a simulation that cancels millions of timers keeps a bounded queue.
 */
final class EventQueue {

    /** One scheduled action; {@link #cancel(Timer)} takes it out of the queue. */
    static final class Timer {
        private final long at;
        private final Runnable action;
        private Instant instant;
        private Timer previous;
        private Timer next;

        private Timer(long at, Runnable action) {
            this.at = at;
            this.action = action;
        }

        /** Whether the timer is still waiting to run. */
        boolean pending() {
            return instant != null;
        }
    }

    /** The timers of one instant, in the order they were scheduled. */
    private static final class Instant {
        private Timer first;
        private Timer last;
    }

    private final TreeMap<Long, Instant> instants = new TreeMap<>();
    private int size;

    /** Schedules {@code action} at {@code nanos}, or now if that has passed: {@code current} is the clock's instant. */
    Timer at(long nanos, long current, Runnable action) {
        Timer timer = new Timer(Math.max(nanos, current), action);
        Instant instant = instants.computeIfAbsent(timer.at, at -> new Instant());
        timer.instant = instant;
        timer.previous = instant.last;
        if (instant.last == null) {
            instant.first = timer;
        } else {
            instant.last.next = timer;
        }
        instant.last = timer;
        size++;
        return timer;
    }

    /** Takes {@code timer} out of the queue; nothing happens if it already ran or was cancelled. */
    void cancel(Timer timer) {
        if (timer == null || timer.instant == null) {
            return;
        }
        Instant instant = timer.instant;
        if (timer.previous == null) {
            instant.first = timer.next;
        } else {
            timer.previous.next = timer.next;
        }
        if (timer.next == null) {
            instant.last = timer.previous;
        } else {
            timer.next.previous = timer.previous;
        }
        timer.instant = null;
        timer.previous = null;
        timer.next = null;
        size--;
        if (instant.first == null) {
            instants.remove(timer.at, instant);
        }
    }

    /** The instant of the next event, or {@link Long#MAX_VALUE} if none is scheduled. */
    long nextAt() {
        Map.Entry<Long, Instant> first = instants.firstEntry();
        return first == null ? Long.MAX_VALUE : first.getKey();
    }

    /** Runs the next event if it is due at or before {@code current}; returns whether one ran. */
    boolean runOneDue(long current) {
        Map.Entry<Long, Instant> first = instants.firstEntry();
        if (first == null || first.getKey() > current) {
            return false;
        }
        Timer next = first.getValue().first;
        cancel(next);
        next.action.run();
        return true;
    }

    /** How many events are scheduled. */
    int size() {
        return size;
    }
}
