package dev.connectkit.internal.sim;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One protocol's ports on one host (Linux's bind hash for TCP, the UDP hash table): which sockets hold each
 * port. It is the only place a socket takes or gives back a port, and it finds a free ephemeral port in O(1).
 */
final class PortTable {
    /** The holders of one port, and how many of them did not get it from connect(). */
    private static final class Port {
        final LinkedHashSet<InetSocket> holders = new LinkedHashSet<>();
        int notShareable;
    }

    private final Map<Integer, Port> ports = new HashMap<>();
    /** Ports with at least one holder. */
    private final PortBitmap taken = new PortBitmap();
    /** Ports whose holders all got them from connect(): another connect() may share them (other peers). */
    private final PortBitmap shareable = new PortBitmap();
    private int shareableCount;
    /** Where the search for a free ephemeral port starts: shared with the host's other protocol. */
    private final Cursor cursor;
    private int shareCursor;

    /**
     * The next ephemeral port number a host hands out, whichever the protocol. Linux picks ephemeral ports at
     * random, so a TCP and a UDP socket seldom get the same number; one sequence for both keeps that so in a
     * deterministic simulation (a program that takes a UDP socket's port for a TCP one is refused, as on Linux).
     */
    static final class Cursor {
        private int next;
    }

    PortTable(Cursor cursor) {
        this.cursor = cursor;
    }

    /** The sockets holding {@code port}. */
    Collection<InetSocket> holders(int port) {
        Port p = ports.get(port);
        return p == null ? List.of() : p.holders;
    }

    boolean free(int port) {
        return !taken.contains(port);
    }

    /**
     * {@code socket} takes {@code port} at {@code address}; the flags say what bind() fixed and whether connect()
     * chose the port. The caller has checked that nothing conflicts.
     */
    void take(InetSocket socket, InetAddress address, int port, boolean byBindAddress, boolean byBindPort,
              boolean byConnect) {
        if (socket.hashed()) {
            give(socket);
        }
        socket.hashedAt(address, port, byBindAddress, byBindPort, byConnect);
        Port p = ports.computeIfAbsent(port, n -> new Port());
        p.holders.add(socket);
        p.notShareable += byConnect ? 0 : 1;
        taken.add(port);
        updateShareable(port, p);
    }

    /** {@code socket} gives its port back (it keeps showing it in getsockname(), as on Linux). */
    void give(InetSocket socket) {
        if (!socket.hashed()) {
            return;
        }
        int port = socket.localPort();
        Port p = ports.get(port);
        if (p != null && p.holders.remove(socket)) {
            p.notShareable -= socket.viaConnect() ? 0 : 1;
            if (p.holders.isEmpty()) {
                ports.remove(port);
                taken.remove(port);
                p = null;
            }
        }
        socket.unhashed();
        updateShareable(port, p);
    }

    /** A port nobody holds in {@code [low, high]}, taken in turn from where the last search ended; -1 if none. */
    int freePort(int low, int high) {
        int port = taken.nextWrapping(cursor.next, low, high, false);
        if (port >= 0) {
            cursor.next = port + 1;
        }
        return port;
    }

    /**
     * The next port in {@code [low, high]} held only through connect(), after the one this method gave last
     * (wrapping): successive calls go round the shared ports, so finding one costs O(1) amortized. -1 if none.
     */
    int nextShareablePort(int low, int high) {
        int port = shareable.nextWrapping(shareCursor, low, high, true);
        if (port >= 0) {
            shareCursor = port + 1;
        }
        return port;
    }

    /** How many ports are held only through connect(). */
    int shareableCount() {
        return shareableCount;
    }

    private void updateShareable(int port, Port p) {
        boolean was = shareable.contains(port);
        boolean is = p != null && p.notShareable == 0;
        if (is && !was) {
            shareable.add(port);
            shareableCount++;
        } else if (was && !is) {
            shareable.remove(port);
            shareableCount--;
        }
    }
}
