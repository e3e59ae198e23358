package dev.connectkit.internal.sim;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.sim.Fault;

import java.util.HashMap;
import java.util.Map;

/**
 * The faults set on destinations, and the one place that says what each {@link Fault} does to a segment: a new
 * kind of fault makes the compiler point here and nowhere else.
 */
final class Faults {

    /** What a segment meets on its way. */
    enum Segment {
        /** A SYN: the segments faults are about. */
        CONNECTION_REQUEST,
        /** Anything else: data, FIN, ACK, a datagram. */
        OTHER
    }

    /** What happens to one segment. */
    sealed interface Verdict {
        /** It goes on, {@code extraNanos} late; with {@code resetLater} the peer resets the connection it makes. */
        record Pass(long extraNanos, boolean resetLater) implements Verdict {
        }

        /** It is lost on the way. */
        record Lose() implements Verdict {
        }

        /** A router or the destination answers it at once with an error (RST, ICMP). */
        record Answer(Errno errno, String what) implements Verdict {
        }

        /** Nobody answers ARP for the destination: ICMP host unreachable comes after the ARP timeout. */
        record NoArp() implements Verdict {
        }
    }

    static final Verdict.Pass CLEAR = new Verdict.Pass(0, false);
    private static final Verdict LOSE = new Verdict.Lose();
    private static final Verdict NO_ARP = new Verdict.NoArp();

    /** A fault on one destination, with how many SYNs a Drop still loses. */
    private static final class Entry {
        final Fault fault;
        int dropsLeft;

        Entry(Fault fault) {
            this.fault = fault;
            this.dropsLeft = fault instanceof Fault.Drop drop ? drop.count() : 0;
        }
    }

    /** Keyed by wire address; port 0 stands for every port of that address. */
    private final Map<SockAddr, Entry> table = new HashMap<>();

    void set(SockAddr destination, Fault fault) {
        SockAddr key = Addresses.wire(Addresses.ip(destination), Addresses.port(destination));
        table.put(key, new Entry(fault));
    }

    /** What happens to {@code segment} on its way to {@code destination}, a wire address. */
    Verdict verdict(SockAddr destination, Segment segment) {
        if (table.isEmpty()) {
            return CLEAR;
        }
        Entry entry = table.get(destination);
        if (entry == null) {
            entry = table.get(Addresses.wire(Addresses.ip(destination), 0));
        }
        if (entry == null) {
            return CLEAR;
        }
        boolean syn = segment == Segment.CONNECTION_REQUEST;
        return switch (entry.fault) {
            case Fault.Refuse ignored -> syn ? new Verdict.Answer(Errno.ECONNREFUSED, "RST (fault: Refuse)") : CLEAR;
            case Fault.Drop ignored -> syn && entry.dropsLeft > 0 ? lose(entry) : CLEAR;
            case Fault.Delay delay -> new Verdict.Pass(delay.extra().toNanos(), false);
            case Fault.NetworkUnreachable ignored -> syn
                    ? new Verdict.Answer(Errno.ENETUNREACH, "ICMP network unreachable (fault)") : CLEAR;
            case Fault.HostUnreachable ignored -> syn ? NO_ARP : CLEAR;
            case Fault.Reset ignored -> new Verdict.Pass(0, syn);
        };
    }

    private static Verdict lose(Entry entry) {
        if (entry.dropsLeft != Integer.MAX_VALUE) {
            entry.dropsLeft--; // Drop.always() never runs out
        }
        return LOSE;
    }
}
