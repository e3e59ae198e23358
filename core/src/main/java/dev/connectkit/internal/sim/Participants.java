package dev.connectkit.internal.sim;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The threads that take part in one simulation, and whether all of them are blocked.
 *
 * <p>A thread takes part from its first call. A thread started by a thread that takes part is expected from
 * the moment it is created (as the threads of one process are), so the clock does not move between a
 * {@code Thread.start()} and the new thread's first call; an expected thread that makes no call within a short
 * wall-clock grace stops being waited for (it was a helper that never touches the network).
 *
 * <p>A thread outside the simulation counts as blocked once it has been parked (in {@code join()}, a
 * {@code Future.get()}, on a lock) for {@link #PARK_GRACE_NANOS} of wall time without making a call: a thread that
 * waits for another thread of the simulation does so for good, while one held for a moment on a lock inside the
 * JDK (printing, class loading) would otherwise let the clock jump while it is about to make its next call.
 */
final class Participants {
    /** How long a thread started by a participant may take to make its first call before it is no longer awaited. */
    private static final long CHILD_GRACE_NANOS = 1_000_000_000L;
    /** How long a thread outside the simulation must stay parked before it counts as blocked. */
    private static final long PARK_GRACE_NANOS = 20_000_000L;

    /** The simulations a thread takes part in; a new thread inherits them, each with a token that awaits it. */
    private static final InheritableThreadLocal<Lineage> LINEAGE = new InheritableThreadLocal<>() {
        @Override
        protected Lineage childValue(Lineage parent) {
            return parent == null ? null : parent.child();
        }
    };

    /** A thread started by a participant that has not made its first call yet. */
    private static final class Expected {
        final long since = System.nanoTime();
    }

    private record Membership(WeakReference<Participants> simulation, Expected token) {
    }

    private record Lineage(List<Membership> memberships) {
        /** What a thread created now inherits: every live simulation, each expecting it. */
        Lineage child() {
            List<Membership> inherited = new ArrayList<>();
            for (Membership m : memberships) {
                Participants simulation = m.simulation().get();
                if (simulation != null) {
                    Expected token = new Expected();
                    simulation.expected.add(token);
                    inherited.add(new Membership(m.simulation(), token));
                }
            }
            return new Lineage(List.copyOf(inherited));
        }

        Expected tokenFor(Participants simulation) {
            for (Membership m : memberships) {
                if (m.simulation().get() == simulation) {
                    return m.token();
                }
            }
            return null;
        }

        Lineage with(Participants simulation) {
            List<Membership> more = new ArrayList<>();
            for (Membership m : memberships) {
                if (m.simulation().get() != null) {
                    more.add(new Membership(m.simulation(), null));
                }
            }
            more.add(new Membership(new WeakReference<>(simulation), null));
            return new Lineage(List.copyOf(more));
        }
    }

    /** One thread's part: whether it is inside a call, and what it waits for. Guarded by the scheduler's lock. */
    static final class Participant {
        final Thread thread;
        /** Set, without the lock, while the thread is on its way into a call. */
        volatile boolean arriving = true;
        int depth;
        /** The process the call in progress belongs to. */
        Object process;
        /** When its current wait began, in the order of waits. */
        long waitingSince;
        /** Calls made so far: a thread that made one since it was last seen parked is not parked for good. */
        long calls;
        private long callsWhenParked;
        private long parkedSince = -1;
        String waitingIn;
        BooleanSupplier done;
        long deadline;
        boolean signalPending;
        EventQueue.Timer alarm;

        Participant(Thread thread) {
            this.thread = thread;
        }

        boolean waiting() {
            return waitingIn != null;
        }
    }

    private final Map<Thread, Participant> known = new ConcurrentHashMap<>();
    private final Set<Expected> expected = ConcurrentHashMap.newKeySet();

    /** The calling thread, on its way into a call: it counts as running until it waits. Called without the lock. */
    Participant arrive() {
        Thread thread = Thread.currentThread();
        Participant p = known.get(thread);
        if (p == null) {
            p = new Participant(thread);
            known.put(thread, p);
            Lineage lineage = LINEAGE.get();
            if (lineage != null) {
                Expected token = lineage.tokenFor(this);
                if (token != null) {
                    expected.remove(token);
                }
            }
            LINEAGE.set(lineage == null ? new Lineage(List.of()).with(this) : lineage.with(this));
        } else {
            p.arriving = true;
        }
        return p;
    }

    /** The calling thread's part; it must be inside a call. */
    Participant current() {
        Participant p = known.get(Thread.currentThread());
        if (p == null || p.depth == 0) {
            throw new IllegalStateException("not inside a simulated call");
        }
        return p;
    }

    /** Whether the threads of the simulation may let the clock move, and whether one of them will wake alone. */
    enum Quiet {
        /** A thread runs, is on its way into a call, or has just parked: the clock must wait for it. */
        NO,
        /** Every thread is blocked, but one waits outside with a timeout and will run again by itself. */
        UNTIL_A_TIMEOUT,
        /** Every thread is blocked for good: only the network can wake one. */
        YES
    }

    /**
     * Whether every thread is blocked at virtual instant {@code now}: waiting in a call whose condition does not
     * hold and whose deadline has not come, or parked outside the simulation ({@code join()}, a lock, a queue)
     * or ended; and no thread started by a participant is still expected.
     */
    Quiet quiet(long now) {
        long wall = System.nanoTime();
        expected.removeIf(e -> wall - e.since > CHILD_GRACE_NANOS);
        if (!expected.isEmpty()) {
            return Quiet.NO;
        }
        Quiet all = Quiet.YES;
        for (Participant p : known.values()) {
            Quiet q = quiet(p, now, wall); // every thread is looked at, so each one's parking time is measured
            all = q.compareTo(all) < 0 ? q : all;
        }
        return all;
    }

    private Quiet quiet(Participant p, long now, long wall) {
        if (p.arriving) {
            return Quiet.NO;
        }
        if (p.waiting()) {
            return !p.signalPending && p.deadline > now && !p.done.getAsBoolean() ? Quiet.YES : Quiet.NO;
        }
        if (p.depth > 0) {
            return Quiet.NO; // running a call (only the thread holding the lock can be)
        }
        return switch (p.thread.getState()) {
            case TERMINATED -> {
                known.remove(p.thread);
                yield Quiet.YES;
            }
            case WAITING, BLOCKED -> parkedForGood(p, wall) ? Quiet.YES : Quiet.NO;
            // a sleep or a wait with a timeout: blocked for now, but it will run again without the network
            case TIMED_WAITING -> parkedForGood(p, wall) ? Quiet.UNTIL_A_TIMEOUT : Quiet.NO;
            case NEW, RUNNABLE -> {
                p.parkedSince = -1;
                yield Quiet.NO;
            }
        };
    }

    /** The thread that has waited longest in a call of {@code process}, or null if none waits. */
    Participant longestWaitingIn(Object process) {
        Participant longest = null;
        for (Participant p : known.values()) {
            if (p.waiting() && p.process == process && (longest == null || p.waitingSince < longest.waitingSince)) {
                longest = p;
            }
        }
        return longest;
    }

    /** Whether a thread parked outside the simulation has stayed parked, making no call, for the grace period. */
    private static boolean parkedForGood(Participant p, long wall) {
        if (p.parkedSince < 0 || p.callsWhenParked != p.calls) {
            p.parkedSince = wall;
            p.callsWhenParked = p.calls;
            return false;
        }
        return wall - p.parkedSince >= PARK_GRACE_NANOS;
    }

    /** The earliest deadline of a waiting call, or {@link Scheduler#FOREVER}. */
    long earliestDeadline() {
        long earliest = Scheduler.FOREVER;
        for (Participant p : known.values()) {
            if (p.waiting()) {
                earliest = Math.min(earliest, p.deadline);
            }
        }
        return earliest;
    }

    /** What each thread does, for a deadlock's message: {@code "main: accept(3)"}. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Participant p : known.values()) {
            lines.add(p.thread.getName() + ": " + (p.waiting() ? "waits in " + p.waitingIn
                    : "blocked outside the simulation (" + p.thread.getState() + ")"));
        }
        lines.sort(null);
        return lines;
    }
}
