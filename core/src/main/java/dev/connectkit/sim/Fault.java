package dev.connectkit.sim;

import java.time.Duration;

/**
 * What the simulated network does to connection attempts aimed at one destination. Faults let a reader see,
 * in milliseconds of wall time, what the kernel reports when the network misbehaves.
 */
public sealed interface Fault permits Fault.Refuse, Fault.Drop, Fault.Delay, Fault.NetworkUnreachable,
        Fault.HostUnreachable, Fault.Reset {

    /** The destination answers every SYN with RST: connect() fails with ECONNREFUSED. */
    record Refuse() implements Fault {
    }

    /** The first {@code count} SYNs are lost: the client retransmits (1 s, 3 s, 7 s … later). */
    record Drop(int count) implements Fault {
        public Drop {
            if (count < 1) {
                throw new IllegalArgumentException("a Drop fault loses at least one SYN, not " + count);
            }
        }

        /** Every SYN is lost: a blocking connect() ends in ETIMEDOUT. */
        public static Drop always() {
            return new Drop(Integer.MAX_VALUE);
        }
    }

    /** Every segment to the destination arrives {@code extra} later than it would. */
    record Delay(Duration extra) implements Fault {
        public Delay {
            if (extra.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative: " + extra);
            }
        }
    }

    /** A router answers with ICMP "network unreachable": connect() fails with ENETUNREACH. */
    record NetworkUnreachable() implements Fault {
    }

    /** No host answers ARP (about 3 s), then ICMP "host unreachable": connect() fails with EHOSTUNREACH. */
    record HostUnreachable() implements Fault {
    }

    /** The connection is made, then the peer resets it: the next recv() or send() fails with ECONNRESET. */
    record Reset() implements Fault {
    }
}
