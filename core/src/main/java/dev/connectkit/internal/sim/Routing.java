package dev.connectkit.internal.sim;

import dev.connectkit.posix.Errno;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated topology: the hosts, and the route a host takes to an address.
 *
 * <p>Every host has loopback. Hosts with addresses share one router, one network per /24 (IPv4) or /64 (IPv6)
 * prefix in use. Each host also has a default route, as a machine on a network does: a packet to a network
 * the router does not know is refused by the host's own routing at once (ENETUNREACH, nothing is sent), and
 * the limited broadcast address 255.255.255.255 leaves by the default route's interface.
 */
final class Routing {

    /** Where a packet from a host to an address goes. */
    sealed interface Route {
        /** To this host itself (loopback, or one of its own addresses), from {@code source}. */
        record Local(InetAddress source) implements Route {
        }

        /** Across the router to {@code host} (null: nobody has the address), from {@code source}. */
        record Remote(InetAddress source, Host host) implements Route {
        }

        /** A broadcast: to every host of a network, which needs SO_BROADCAST (EACCES without). */
        record Broadcast(InetAddress source) implements Route {
        }

        /** No route: the call fails with {@code errno} and nothing is sent. */
        record Unreachable(Errno errno) implements Route {
        }
    }

    private static final byte[] LIMITED_BROADCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private final Map<String, Host> hosts = new LinkedHashMap<>();

    Routing() {
        hosts.put("local", new Host("local"));
    }

    Host add(String name, List<InetAddress> addresses) {
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("there is already a host named " + name);
        }
        Host host = new Host(name);
        host.addAddresses(addresses);
        hosts.put(name, host);
        return host;
    }

    Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no simulated host named " + name + "; hosts: " + hosts.keySet());
        }
        return host;
    }

    Collection<Host> hosts() {
        return hosts.values();
    }

    /** The route from {@code from} to {@code destination} (a wire address: never v4-mapped, never the wildcard). */
    Route route(Host from, InetAddress destination) {
        if (destination.isLoopbackAddress()) {
            if (destination instanceof Inet4Address && isBroadcastOf127(destination)) {
                return new Route.Broadcast(Addresses.LOOPBACK4);
            }
            return new Route.Local(Addresses.loopback(destination));
        }
        if (from.addresses().contains(destination)) {
            return new Route.Local(destination);
        }
        if (from.interfaceDown()) {
            return new Route.Unreachable(Errno.ENETDOWN);
        }
        if (destination instanceof Inet4Address && Arrays.equals(destination.getAddress(), LIMITED_BROADCAST)) {
            return new Route.Broadcast(sourceFor(from, destination, Addresses.ANY4));
        }
        if (!onRoutedNetwork(destination)) {
            return new Route.Unreachable(Errno.ENETUNREACH);
        }
        InetAddress source = sourceFor(from, destination, null);
        if (source == null) {
            return new Route.Unreachable(Errno.ENETUNREACH);
        }
        if (isSubnetBroadcast(destination)) {
            return new Route.Broadcast(source);
        }
        return new Route.Remote(source, owner(destination));
    }

    /**
     * Whether {@code address}, as a socket's own name, leaves the choice of source to the route: the wildcard, or a
     * broadcast address (Linux binds the name but keeps {@code inet_saddr} 0, "use device").
     */
    boolean routeChoosesSource(Host from, InetAddress address) {
        return address.isAnyLocalAddress() || route(from, address) instanceof Route.Broadcast;
    }

    /** The host whose address {@code address} is, or null. */
    Host owner(InetAddress address) {
        for (Host h : hosts.values()) {
            if (h.addresses().contains(address)) {
                return h;
            }
        }
        return null;
    }

    /** The host's first address of the destination's family, or {@code otherwise}. */
    private static InetAddress sourceFor(Host from, InetAddress destination, InetAddress otherwise) {
        for (InetAddress a : from.addresses()) {
            if (a.getClass() == destination.getClass()) {
                return a;
            }
        }
        return otherwise;
    }

    private boolean onRoutedNetwork(InetAddress destination) {
        for (Host h : hosts.values()) {
            for (InetAddress a : h.addresses()) {
                if (samePrefix(a, destination)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last address of a simulated /24: its broadcast address. */
    private boolean isSubnetBroadcast(InetAddress address) {
        return address instanceof Inet4Address && (address.getAddress()[3] & 0xff) == 255;
    }

    /** 127.255.255.255: loopback's broadcast address. */
    private static boolean isBroadcastOf127(InetAddress address) {
        byte[] b = address.getAddress();
        return b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255;
    }

    private static boolean samePrefix(InetAddress a, InetAddress b) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int prefixBytes = x.length == 4 ? 3 : 8; // a /24 or a /64
        return Arrays.equals(x, 0, prefixBytes, y, 0, prefixBytes);
    }
}
