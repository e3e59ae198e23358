package dev.connectkit.internal.sim;

import java.util.Arrays;

/**
 * Actions scheduled at virtual instants, run in time order; actions at the same instant run in the order they
 * were scheduled.
 *
 * <p>Later instants wait in a binary heap whose entries know their place, so cancelling a timer costs O(log n)
 * and a cancelled timer takes no room (a simulation that cancels millions of timers keeps a bounded queue). An
 * action for the current instant (a segment on loopback) goes to a first-in first-out queue instead, at O(1):
 * whatever the heap holds for this instant was scheduled earlier, so it runs first.
 */
final class EventQueue {
    /** A timer's place while it waits in the queue for the current instant. */
    private static final int IN_NOW_QUEUE = Integer.MAX_VALUE;

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
    private final java.util.ArrayDeque<Timer> now = new java.util.ArrayDeque<>();
    private long nowInstant = Long.MIN_VALUE;

    /**
     * Schedules {@code action} at {@code nanos}; {@code current} is the clock's instant, which never goes back.
     * Actions for the current instant run after everything already due.
     */
    Timer at(long nanos, long current, Runnable action) {
        Timer timer = new Timer(nanos, sequence++, action);
        if (nanos <= current) {
            nowInstant = current;
            timer.index = IN_NOW_QUEUE;
            this.now.add(timer);
            return timer;
        }
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
        if (timer.index == IN_NOW_QUEUE) {
            timer.index = -1; // left in the queue for the current instant, skipped when its turn comes
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
        dropCancelled();
        long heapNext = size == 0 ? Long.MAX_VALUE : heap[0].at;
        return now.isEmpty() ? heapNext : Math.min(heapNext, nowInstant);
    }

    /** Runs the next event if it is due at or before {@code current}; returns whether one ran. */
    boolean runOneDue(long current) {
        Timer next;
        if (size > 0 && heap[0].at <= current) {
            next = heap[0]; // scheduled before this instant began: before anything in the queue for now
            cancel(next);
        } else {
            dropCancelled();
            next = now.poll();
            if (next == null) {
                return false;
            }
            next.index = -1;
        }
        next.action.run();
        return true;
    }

    private void dropCancelled() {
        while (!now.isEmpty() && now.peek().index != IN_NOW_QUEUE) {
            now.poll();
        }
    }

    /** How many events are scheduled. */
    int size() {
        return size + now.size();
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
