package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/** One simulated socket: what the kernel keeps for it, and nothing else. */
final class SimSocket {
    final int id;
    final SimulatedSockets owner;
    final AddressFamily family;
    final SocketType type;

    /** The bound local address, or null while unbound (getsockname then shows the wildcard, port 0). */
    SockAddr local;
    /** bind() was given a port: an AF_UNSPEC reset keeps it (Linux's SOCK_BINDPORT_LOCK). */
    boolean portLocked;
    /** bind() was given an address: an AF_UNSPEC reset keeps it (Linux's SOCK_BINDADDR_LOCK). */
    boolean addressLocked;
    /** The peer: the other end of a TCP connection, or a datagram socket's connected peer. */
    SockAddr peer;

    TcpState tcp = TcpState.CLOSED;
    ConnectState connect = ConnectState.UNCONNECTED;
    boolean nonBlocking;
    /** The pending error, as SO_ERROR reads (and clears) it: an errno number, 0 for none. */
    int soError;
    final Map<SocketOption, Integer> options = new EnumMap<>(SocketOption.class);

    /** Which connection attempt is current: timers and answers of an older attempt are ignored. */
    int attempt;
    int retransmits;
    long rtoNanos;
    SockAddr attemptTarget;

    int backlog;
    final Deque<SimSocket> acceptQueue = new ArrayDeque<>();

    /** The other end of an established stream. */
    SimSocket remote;
    final ByteArrayOutputStream inbound = new ByteArrayOutputStream();
    boolean peerFinished;
    boolean resetByPeer;

    final Deque<Datagram> datagrams = new ArrayDeque<>();
    boolean closed;

    SimSocket(int id, SimulatedSockets owner, AddressFamily family, SocketType type) {
        this.id = id;
        this.owner = owner;
        this.family = family;
        this.type = type;
    }

    boolean stream() {
        return type == SocketType.SOCK_STREAM;
    }

    int option(SocketOption option, int defaultValue) {
        return options.getOrDefault(option, defaultValue);
    }

    /** How the trace names this socket: {@code local:fd 3}. */
    String label() {
        return owner.host().name() + ":sock" + id;
    }
}
