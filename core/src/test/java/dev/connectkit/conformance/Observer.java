package dev.connectkit.conformance;

import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.testing.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records what a scenario observes, in a form two backends can be compared by: return values and errno names,
 * poll flags, SO_ERROR, and addresses with their ports reduced to a class ({@code 0}, {@code ephemeral}, or
 * {@code fixed}) because the exact port numbers are the kernel's choice.
 */
public final class Observer {
    private final List<String> lines = new ArrayList<>();
    private final int[] ephemeral;

    public Observer(int[] ephemeralRange) {
        this.ephemeral = ephemeralRange;
    }

    /** A call's outcome: {@code connect = 0} or {@code connect = -1 EINPROGRESS}. */
    public void call(String what, Outcome.Call call) {
        Outcome outcome = Outcome.of(call);
        lines.add(what + " = " + (outcome.succeeded() ? "0" : "-1 " + outcome.errno().name()));
    }

    public void poll(String what, Set<PollEvent> revents) {
        lines.add(what + " -> " + revents);
    }

    public void value(String what, Object value) {
        lines.add(what + " = " + value);
    }

    /** An address with its port reduced to a class. */
    public void address(String what, SockAddr address) {
        lines.add(what + " = " + shape(address));
    }

    private String shape(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.address().getHostAddress() + ":" + portClass(in.port());
            // SockAddr's RFC 5952 text ([::1], [::ffff:7f00:1]), the port replaced by its class
            case SockAddr.In6 in6 -> in6.toString().substring(0, in6.toString().lastIndexOf(':') + 1)
                    + portClass(in6.port());
            default -> address.toString();
        };
    }

    private String portClass(int port) {
        if (port == 0) {
            return "0";
        }
        return port >= ephemeral[0] && port <= ephemeral[1] ? "ephemeral" : "fixed";
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
