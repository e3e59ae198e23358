package dev.connectkit.internal.sim;

import dev.connectkit.posix.SockAddr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A simulated machine: its addresses, its port tables, its AF_UNIX paths, and whether its interface is up. */
final class Host {
    private final String name;
    final List<InetAddress> addresses = new ArrayList<>();
    final List<SimSocket> tcpBound = new ArrayList<>();
    final List<SimSocket> udpBound = new ArrayList<>();
    /** AF_UNIX names: a bound socket, or null once it was closed (the file stays; connecting is refused). */
    final Map<String, SimSocket> unixPaths = new HashMap<>();
    boolean interfaceDown;
    int nextEphemeral = -1;

    Host(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Whether this host answers for {@code address}: one of its own, or any loopback address. */
    boolean owns(InetAddress address) {
        return address.isLoopbackAddress() || addresses.contains(address);
    }

    /** The bound sockets of a protocol: TCP and UDP have separate port spaces. */
    List<SimSocket> bound(boolean stream) {
        return stream ? tcpBound : udpBound;
    }

    static InetAddress ip(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.address();
            case SockAddr.In6 in6 -> in6.address();
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    static int port(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.port();
            case SockAddr.In6 in6 -> in6.port();
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }
}
