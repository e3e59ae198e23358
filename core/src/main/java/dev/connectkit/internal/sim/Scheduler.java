package dev.connectkit.internal.sim;

import dev.connectkit.internal.sim.Participants.Participant;
import dev.connectkit.sim.DeadlockException;
import dev.connectkit.sim.TraceEvent;
import dev.connectkit.sim.VirtualClock;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Virtual time, the events scheduled on it, and the threads that wait for them: the one place where the
 * simulation blocks, wakes up and moves its clock.
 *
 * <p>Every call runs under one lock ({@link #call}), after the network has done the work that fell due. A call
 * that must wait ({@link #await}) gives the lock up while it waits, so other threads' calls run meanwhile (the
 * JDK's rule: never block while holding a lock). The clock moves only when every thread that takes part is
 * blocked; it then jumps to the earliest of the next event and the waiting calls' deadlines. When nothing is
 * scheduled and no waiting call has a deadline, no thread can ever wake: the waiting call fails with
 * {@link DeadlockException}.
 */
final class Scheduler {
    static final long FOREVER = Long.MAX_VALUE;
    /** How often a waiting thread looks again at threads outside the simulation, which cannot signal it. */
    private static final long RECHECK_NANOS = 1_000_000;

    /** What a waiting call woke up for. */
    enum Wake {
        DONE, TIMEOUT, SIGNAL
    }

    /** A call's body; {@code E} is what it may throw (ErrnoException for system calls). */
    @FunctionalInterface
    interface Body<T, E extends Exception> {
        T run() throws E;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final VirtualClock clock = new VirtualClock();
    private final EventQueue events = new EventQueue();
    private final Participants threads = new Participants();
    private final Trace trace = new Trace(clock);
    /** Waits begun so far: orders the waiting threads, for a signal sent to a process. */
    private long waits;

    VirtualClock clock() {
        return clock;
    }

    Trace trace() {
        return trace;
    }

    long now() {
        return clock.nanos();
    }

    /** Runs {@code body} as one step of the calling thread, after the work that fell due. */
    <T, E extends Exception> T call(Body<T, E> body) throws E {
        return call(null, body);
    }

    /**
     * Runs {@code body} as one step of the calling thread, on behalf of {@code process} (a process-directed
     * signal interrupts a call of that process), after the work that fell due.
     */
    <T, E extends Exception> T call(Object process, Body<T, E> body) throws E {
        Participant me = threads.arrive();
        lock.lock();
        Object outer = me.process;
        try {
            me.arriving = false;
            me.depth++;
            me.process = process != null ? process : outer;
            me.calls++;
            runDue();
            return body.run();
        } finally {
            me.process = outer;
            me.depth--;
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Schedules {@code action} {@code delayNanos} from now. Called under the lock. */
    EventQueue.Timer after(long delayNanos, Runnable action) {
        return events.at(Math.addExact(clock.nanos(), delayNanos), clock.nanos(), action);
    }

    /** Cancels a scheduled action; nothing happens if it ran already. Called under the lock. */
    void cancel(EventQueue.Timer timer) {
        events.cancel(timer);
    }

    /** The deadline {@code timeoutMillis} from now; a negative timeout waits forever. */
    long deadlineAfter(long timeoutMillis) {
        return timeoutMillis < 0 ? FOREVER : Math.addExact(clock.nanos(), Duration.ofMillis(timeoutMillis).toNanos());
    }

    /**
     * Waits, inside a call, until {@code done} holds, the clock reaches {@code deadline}, or a signal arrives for
     * the calling thread.
     *
     * @param call how the trace and a deadlock name the waiting call, as {@code accept(3)}
     * @throws DeadlockException     if every thread is blocked and nothing could ever wake one
     * @throws CancellationException if the Java thread is interrupted (its interrupt status stays set)
     */
    Wake await(String call, BooleanSupplier done, long deadline) {
        Participant me = threads.current();
        me.waitingIn = call;
        me.waitingSince = ++waits;
        me.done = done;
        me.deadline = deadline;
        try {
            while (true) {
                runDue();
                if (done.getAsBoolean()) {
                    return Wake.DONE;
                }
                if (me.signalPending) {
                    me.signalPending = false;
                    return Wake.SIGNAL;
                }
                if (clock.nanos() >= deadline) {
                    return Wake.TIMEOUT;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("simulated " + call + " abandoned: its thread was interrupted");
                }
                Participants.Quiet quiet = threads.quiet(clock.nanos());
                long next = Math.min(events.nextAt(), threads.earliestDeadline());
                if (quiet == Participants.Quiet.YES && next == FOREVER) {
                    throw new DeadlockException(call, clock.elapsed(), threads.describe());
                }
                if (quiet != Participants.Quiet.NO && next != FOREVER) {
                    clock.advanceTo(Math.max(next, clock.nanos()));
                    runDue();
                    changed.signalAll(); // the others look at their conditions at the new instant
                    continue;
                }
                try {
                    changed.awaitNanos(RECHECK_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("simulated " + call + " abandoned: its thread was interrupted");
                }
            }
        } finally {
            me.waitingIn = null;
            me.done = null;
        }
    }

    /** Runs every event up to {@code duration} from now, whatever the threads do. */
    void advance(Duration duration) {
        lock.lock();
        try {
            long target = Math.addExact(clock.nanos(), duration.toNanos());
            runDue();
            while (events.nextAt() <= target) {
                clock.advanceTo(Math.max(events.nextAt(), clock.nanos()));
                runDue();
            }
            clock.advanceTo(target);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} under the lock, without counting the caller as a thread of the simulation. */
    <T> T locked(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends SIGALRM to the calling thread after {@code delay}, replacing an earlier alarm; {@link Duration#ZERO}
     * only cancels. A call the thread waits in at that instant returns {@link Wake#SIGNAL} (S-10).
     */
    void alarm(Duration delay, String host) {
        Participant me = threads.current();
        events.cancel(me.alarm);
        me.alarm = null;
        if (delay.isZero()) {
            return;
        }
        me.alarm = after(delay.toNanos(), () -> {
            me.alarm = null;
            if (me.waiting()) {
                me.signalPending = true;
                trace.record(host, TraceEvent.Kind.SIGNAL, () -> "SIGALRM interrupts the blocked call");
            } else {
                trace.record(host, TraceEvent.Kind.SIGNAL, () -> "SIGALRM; no call was blocked");
            }
        });
    }

    /**
     * Sends SIGALRM to {@code process} at virtual instant {@code at}, as kill(2) from another process: it
     * interrupts a call of that process waiting at that instant (the one waiting longest, if several are).
     */
    void signal(Object process, long at, String host) {
        events.at(at, clock.nanos(), () -> {
            Participant target = threads.longestWaitingIn(process);
            if (target != null) {
                target.signalPending = true;
                trace.record(host, TraceEvent.Kind.SIGNAL, () -> "SIGALRM interrupts the blocked call");
            } else {
                trace.record(host, TraceEvent.Kind.SIGNAL, () -> "SIGALRM; no call was blocked");
            }
        });
    }

    /** Runs the events due now: the network's work between two calls. */
    private void runDue() {
        while (events.runOneDue(clock.nanos())) {
            // each event runs in turn; events it schedules for now run too
        }
    }
}
