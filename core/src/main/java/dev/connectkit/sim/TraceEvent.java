package dev.connectkit.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * One step of a simulation, at its virtual instant: a system call entered or returned, a segment sent, dropped
 * or delivered, a state change, a timer or a signal.
 */
public record TraceEvent(Duration at, String host, Kind kind, String text) {

    /** What kind of step this is. */
    public enum Kind {
        /** A process entered a system call. */
        CALL,
        /** A system call returned (its value, or -1 and errno). */
        RETURN,
        /** A segment or datagram left a host. */
        SEND,
        /** A segment or datagram reached its destination. */
        DELIVER,
        /** A segment or datagram was lost, filtered or refused by a fault or a full queue. */
        DROP,
        /** A socket changed state (SYN_SENT → ESTABLISHED, …). */
        STATE,
        /** A timer fired (SYN retransmit, connect timeout). */
        TIMER,
        /** A signal was delivered to a process. */
        SIGNAL
    }

    /** The event as a timeline line: {@code [  1.000000 s] client   SEND   SYN …}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%11.6f s] %-10s %-7s %s", at.toNanos() / 1e9, host, kind, text);
    }
}
