package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The fan-out on the kit's simulated network: the same mix and the same poll() loop as on the kernel, in virtual
 * time, so a 500 ms timeout costs no wall time and the output is the same on every run and every machine.
 */
final class SimulatedFanout {
    private SimulatedFanout() {
    }

    /** The simulated client and peers: TEST-NET-1 and TEST-NET-2 addresses (RFC 5737), never routed anywhere. */
    static final Inet4Address CLIENT = (Inet4Address) InetAddress.ofLiteral("192.0.2.10");
    static final Inet4Address SERVER = (Inet4Address) InetAddress.ofLiteral("198.51.100.20");

    /** One simulated round; prints the outcome counts and the virtual times, never a wall-clock figure. */
    static Outcomes run(Settings s, Narrator out, Text text) throws ErrnoException {
        // The peers on a host of their own, 1 ms away (documentation addresses: the simulator sends nothing).
        SimNetwork net = SimNetwork.create().localAddresses(CLIENT.getHostAddress())
                .host("server", SERVER.getHostAddress()).latency(Duration.ofMillis(1));
        SockAddr.In accepting = new SockAddr.In(SERVER, 8080);
        SockAddr.In refusing = new SockAddr.In(SERVER, 8081); // nothing listens: a reset comes back
        SockAddr.In silent = new SockAddr.In(SERVER, 8082);   // every SYN is lost
        net.fault(silent, Fault.Drop.always());
        Outcomes o;
        try (Sockets client = net.open(); Sockets server = net.open("server")) {
            int listener = server.socket(AF_INET, SOCK_STREAM);
            server.bind(listener, accepting);
            server.listen(listener, 4096);
            server.setNonBlocking(listener, true);
            o = Variants.kitPoll(Variants.SIMULATED, client,
                    i -> i % 20 == 0 ? silent : i % 20 == 1 ? refusing : accepting,
                    s.count(), s.timeout(), s.window(), () -> net.clock().nanos(), () -> acceptAll(server, listener));
            acceptAll(server, listener);
            server.close(listener);
        }
        out.heading(text.get("sim.heading", s.count(), s.timeout().toMillis(), s.window()));
        out.println(text.get("sim.counts", o.connected(), o.refused(), o.timedOut()));
        out.println(text.get("sim.times", ConnectFanout.millis(o.answered()), ConnectFanout.millis(o.wall())));
        out.note(text.get("sim.note"));
        return o;
    }

    /** The peer's side: accepts and closes what has arrived, so its queue never fills (non-blocking: EAGAIN). */
    private static void acceptAll(Sockets sockets, int listener) {
        while (true) {
            try {
                sockets.close(sockets.accept(listener));
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EAGAIN) {
                    throw new IllegalStateException("the simulated listener failed: " + e.getMessage(), e);
                }
                return;
            }
        }
    }
}
