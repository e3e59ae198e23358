package dev.connectkit.internal.sim;

import dev.connectkit.posix.SockAddr;

import java.util.HashMap;
import java.util.Map;

/**
 * One host's TCP connections by 4-tuple (Linux's established hash): from the first SYN to the end of
 * TIME_WAIT. No two connections of a host may have the same 4-tuple; connect() gives EADDRNOTAVAIL rather than
 * make a second one ({@code __inet_check_established()}).
 */
final class Connections {
    /** A connection's identity as its own host sees it; wire addresses. */
    record FourTuple(SockAddr local, SockAddr remote) {
    }

    private final Map<FourTuple, TcpSocket> byTuple = new HashMap<>();
    /** Per peer, how many connections use a port that connect() chose (and may share with other peers). */
    private final Map<SockAddr, Integer> onSharedPorts = new HashMap<>();

    /** The connection with this 4-tuple, or null. */
    TcpSocket find(SockAddr local, SockAddr remote) {
        return byTuple.get(new FourTuple(local, remote));
    }

    boolean contains(SockAddr local, SockAddr remote) {
        return byTuple.containsKey(new FourTuple(local, remote));
    }

    void add(TcpSocket socket, SockAddr remote) {
        byTuple.put(new FourTuple(socket.local(), remote), socket);
        if (socket.viaConnect()) {
            onSharedPorts.merge(remote, 1, Integer::sum);
        }
    }

    void remove(TcpSocket socket, SockAddr remote) {
        if (byTuple.remove(new FourTuple(socket.local(), remote), socket) && socket.viaConnect()) {
            onSharedPorts.computeIfPresent(remote, (peer, n) -> n == 1 ? null : n - 1);
        }
    }

    /** How many connections to {@code remote} use a port connect() chose. */
    int onSharedPortsTo(SockAddr remote) {
        return onSharedPorts.getOrDefault(remote, 0);
    }

    int size() {
        return byTuple.size();
    }
}
