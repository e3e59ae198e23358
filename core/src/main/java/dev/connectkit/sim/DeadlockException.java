package dev.connectkit.sim;

import java.time.Duration;
import java.util.List;

/**
 * A simulated call that can never return: every thread taking part in the simulation is blocked, nothing is
 * scheduled on the network that could wake one of them, and no waiting call has a deadline.
 *
 * <p>On the real kernel such a program hangs (a blocking {@code accept()} with no client to come, a
 * {@code poll(..., -1)} on sockets that will never change); the simulator can see it and says so at once,
 * naming the calls that wait. A call whose partner runs in another thread is not a deadlock: the simulator
 * lets that thread run first, and moves its clock only when every thread waits.
 */
public final class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Duration at;
    private final transient List<String> waiting;

    /**
     * A deadlock seen at virtual instant {@code at}.
     *
     * @param call    the call that gives up, as {@code accept(3)}
     * @param at      the virtual time
     * @param waiting every thread's state, as {@code "main: accept(3)"} or {@code "worker: parked outside"}
     */
    public DeadlockException(String call, Duration at, List<String> waiting) {
        super("simulated " + call + " can never return: every thread of the simulation is blocked and nothing is"
                + " scheduled that could wake one, at " + String.format(java.util.Locale.ROOT, "%.6f s",
                at.toNanos() / 1e9) + " of virtual time (" + String.join("; ", waiting) + ")");
        this.at = at;
        this.waiting = List.copyOf(waiting);
    }

    /** The virtual time at which the deadlock was seen. */
    public Duration at() {
        return at;
    }

    /** What each thread of the simulation was doing, one entry a thread. */
    public List<String> waiting() {
        return waiting;
    }
}
