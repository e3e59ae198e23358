package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.sim.TraceEvent;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A TCP socket: its TCP state and its socket-layer state, each changed only through {@link #become} and
 * {@link #sockBecome}, which refuse a transition the state machines do not have; and the data of the
 * connection, the attempt or the listener it is. Only {@link Tcp} changes a TcpSocket.
 */
final class TcpSocket extends InetSocket {
    private TcpState state = TcpState.CLOSED;
    private ConnectState sock = ConnectState.UNCONNECTED;

    // ---- the connection ----
    /** The other end's address as the wire carries it, while there is a connection or an attempt. */
    SockAddr peer;
    /** The other end (the simulation's stand-in for the 4-tuple lookup at the other host). */
    TcpSocket remote;
    /** Which connection this is; segments of an earlier one find a different number and are ignored. */
    long connection;
    /** Whether its 4-tuple is in its host's {@link Connections}. */
    boolean registered;
    final ByteQueue inbound = new ByteQueue();
    /** Bytes sent and not yet arrived. */
    int inFlight;
    /** A FIN arrived ({@code SOCK_DONE}): reading gives 0 once the data is read. */
    boolean finReceived;
    /** TIME_WAIT's 60 s, or an orphan's FIN_WAIT_2 timeout. */
    EventQueue.Timer closeTimer;

    // ---- a connection attempt (SYN_SENT) ----
    /**
     * An AF_INET6 socket that once started a v4-mapped connect(): Linux keeps IPv4's operations for it from then on
     * ({@code icsk_af_ops = &ipv6_mapped}, never set back), so a later attempt to an IPv6 address sends its SYN
     * nowhere and times out.
     */
    boolean ipv4Operations;
    int retransmits;
    long rtoNanos;
    EventQueue.Timer retransmit;

    // ---- a listener, and an accepted socket before accept() ----
    int backlog;
    private ArrayDeque<TcpSocket> acceptQueue;
    /** Connections whose SYN arrived and whose handshake is not complete (SYN_RECV). */
    private Set<TcpSocket> halfOpen;
    /** The listener a SYN_RECV or not-yet-accepted socket belongs to. */
    TcpSocket listener;

    TcpSocket(int id, Host host, AddressFamily family) {
        super(id, host, family, SocketType.SOCK_STREAM);
    }

    /**
     * The time-wait socket that keeps {@code closing}'s connection once it has reached TIME_WAIT ({@code
     * inet_timewait_sock}): the same 4-tuple, connection and options, and no descriptor. It holds nothing until
     * the caller gives it the port and the 4-tuple.
     */
    static TcpSocket timeWait(int id, TcpSocket closing) {
        TcpSocket tw = new TcpSocket(id, closing.host, closing.family);
        tw.state = TcpState.TIME_WAIT; // born in TIME_WAIT: it is the connection, no longer the socket
        tw.inheritOptions(closing);
        tw.peer = closing.peer;
        tw.connection = closing.connection;
        tw.finReceived = true;
        tw.shut(true, true);
        tw.release();
        return tw;
    }

    TcpState state() {
        return state;
    }

    ConnectState sockState() {
        return sock;
    }

    /**
     * Moves to TCP state {@code next}, as the trace shows ({@code SYN_SENT -> ESTABLISHED}).
     *
     * @throws IllegalStateException if the state machine has no such transition: a bug in the simulator
     */
    void become(TcpState next, Trace trace) {
        if (state == next) {
            return;
        }
        if (!state.mayBecome(next)) {
            throw new IllegalStateException(label + " cannot go from " + state + " to " + next);
        }
        TcpState from = state;
        state = next;
        Label name = label; // the step keeps the name, not the socket
        trace.record(host.name(), TraceEvent.Kind.STATE, () -> name + " " + from + " -> " + next);
    }

    /**
     * Moves the socket layer to {@code next} ({@code sock->state}).
     *
     * @throws IllegalStateException if there is no such transition
     */
    void sockBecome(ConnectState next) {
        if (sock == next) {
            return;
        }
        if (!sock.mayBecome(next)) {
            throw new IllegalStateException(label + " socket layer cannot go from " + sock + " to " + next);
        }
        sock = next;
    }

    /** Whether a connection was made and is not over: data may still arrive or leave. */
    boolean connected() {
        return switch (state) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, CLOSE_WAIT, LAST_ACK -> true;
            case CLOSED, LISTEN, SYN_SENT, SYN_RECV, TIME_WAIT -> false;
        };
    }

    /** The completed connections waiting for accept(). */
    ArrayDeque<TcpSocket> acceptQueue() {
        if (acceptQueue == null) {
            acceptQueue = new ArrayDeque<>();
        }
        return acceptQueue;
    }

    Set<TcpSocket> halfOpen() {
        if (halfOpen == null) {
            halfOpen = new LinkedHashSet<>();
        }
        return halfOpen;
    }

    @Override
    boolean idle() {
        return state == TcpState.CLOSED;
    }

    @Override
    boolean listening() {
        return state == TcpState.LISTEN;
    }
}
