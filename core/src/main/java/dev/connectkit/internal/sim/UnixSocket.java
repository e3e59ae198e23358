package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;

import java.util.ArrayDeque;

/**
 * An AF_UNIX socket: its name, its state (a stream connects once, at once: there is no pending state), its peer
 * and what it received. The state changes only through {@link #become}; only {@link Unix} changes the rest.
 */
final class UnixSocket extends SimSocket {

    /** An AF_UNIX stream socket's state ({@code sk_state}: TCP_CLOSE, TCP_LISTEN, TCP_ESTABLISHED). */
    enum State {
        UNCONNECTED, LISTENING, CONNECTED;

        boolean mayBecome(State next) {
            return this == UNCONNECTED && next != UNCONNECTED;
        }
    }

    private State state = State.UNCONNECTED;
    /** Its name, or null while unnamed. */
    SockAddr.Un name;
    /** A stream's other end; a datagram socket's connected peer. */
    UnixSocket peer;
    final ByteQueue inbound = new ByteQueue();
    final ArrayDeque<Datagram> datagrams = new ArrayDeque<>();
    int backlog;
    final ArrayDeque<UnixSocket> acceptQueue = new ArrayDeque<>();

    UnixSocket(int id, Host host, SocketType type) {
        super(id, host, AddressFamily.AF_UNIX, type);
    }

    State state() {
        return state;
    }

    /**
     * Moves to {@code next}; a stream socket listens or connects once.
     *
     * @throws IllegalStateException if there is no such transition
     */
    void become(State next) {
        if (!state.mayBecome(next)) {
            throw new IllegalStateException(label + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /** Its name as getsockname() shows it: the path, or unnamed. */
    SockAddr.Un shownName() {
        return name != null ? name : SockAddr.unix("");
    }
}
