package dev.connectkit.internal.sim;

import java.util.Arrays;

/**
 * Actions scheduled at virtual instants, run in time order; actions at the same instant run in the order they
 * were scheduled. A binary heap whose entries know their place, so cancelling a timer costs O(log n) and a
 * cancelled timer takes no room (a simulation that cancels millions of timers keeps a bounded queue).
 */
final class EventQueue {

    /** One scheduled action; {@link #cancel(Timer)} takes it out of the queue. */
    static final class Timer {
        private final long at;
        private final long sequence;
        private final Runnable action;
        private int index = -1;

        private Timer(long at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        /** Whether the timer is still waiting to run. */
        boolean pending() {
            return index >= 0;
        }

        /** The virtual instant it runs at. */
        long at() {
            return at;
        }
    }

    private Timer[] heap = new Timer[64];
    private int size;
    private long sequence;

    /** Schedules {@code action} at {@code nanos}. */
    Timer at(long nanos, Runnable action) {
        Timer timer = new Timer(nanos, sequence++, action);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.index = size;
        heap[size++] = timer;
        up(timer.index);
        return timer;
    }

    /** Takes {@code timer} out of the queue; nothing happens if it already ran or was cancelled. */
    void cancel(Timer timer) {
        if (timer == null || timer.index < 0) {
            return;
        }
        int i = timer.index;
        timer.index = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            place(last, i);
            down(i);
            up(last.index);
        }
    }

    /** The instant of the next event, or {@link Long#MAX_VALUE} if none is scheduled. */
    long nextAt() {
        return size == 0 ? Long.MAX_VALUE : heap[0].at;
    }

    /** Runs the next event if it is due at or before {@code now}; returns whether one ran. */
    boolean runOneDue(long now) {
        if (size == 0 || heap[0].at > now) {
            return false;
        }
        Timer next = heap[0];
        cancel(next);
        next.action.run();
        return true;
    }

    /** How many events are scheduled. */
    int size() {
        return size;
    }

    private static boolean before(Timer a, Timer b) {
        return a.at != b.at ? a.at < b.at : a.sequence < b.sequence;
    }

    private void place(Timer timer, int i) {
        heap[i] = timer;
        timer.index = i;
    }

    private void up(int i) {
        Timer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(timer, heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(timer, i);
    }

    private void down(int i) {
        Timer timer = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], timer)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(timer, i);
    }
}
