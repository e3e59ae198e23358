package dev.connectkit.internal.sim;

import dev.connectkit.internal.sim.Faults.Segment;
import dev.connectkit.internal.sim.Faults.Verdict;
import dev.connectkit.internal.sim.Routing.Route;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.sim.TraceEvent.Kind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static dev.connectkit.internal.sim.TcpState.CLOSED;
import static dev.connectkit.internal.sim.TcpState.CLOSE_WAIT;
import static dev.connectkit.internal.sim.TcpState.ESTABLISHED;
import static dev.connectkit.internal.sim.TcpState.LISTEN;
import static dev.connectkit.internal.sim.TcpState.SYN_RECV;
import static dev.connectkit.internal.sim.TcpState.SYN_SENT;
import static dev.connectkit.internal.sim.TcpState.TIME_WAIT;
import static dev.connectkit.posix.Errno.EADDRINUSE;
import static dev.connectkit.posix.Errno.EADDRNOTAVAIL;
import static dev.connectkit.posix.Errno.EAFNOSUPPORT;
import static dev.connectkit.posix.Errno.EAGAIN;
import static dev.connectkit.posix.Errno.EALREADY;
import static dev.connectkit.posix.Errno.ECONNABORTED;
import static dev.connectkit.posix.Errno.ECONNREFUSED;
import static dev.connectkit.posix.Errno.ECONNRESET;
import static dev.connectkit.posix.Errno.EINPROGRESS;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.EISCONN;
import static dev.connectkit.posix.Errno.ENETUNREACH;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.Errno.EPIPE;

/**
 * TCP on the simulated network: the calls on a TCP socket, in the order Linux makes its checks
 * ({@code __inet_stream_connect()}, {@code tcp_v4_connect()}, {@code inet_csk_accept()}, {@code tcp_recvmsg()},
 * {@code tcp_sendmsg()}, {@code inet_shutdown()}, {@code tcp_close()}), and the segments they exchange: the
 * handshake with its SYN retransmits, data, FIN and its ACK through the close states, RST.
 *
 * <p>Linux's timing is kept where the man page depends on it: the SYN is retransmitted after 1, 3, 7, 15 … s,
 * and TCP_SYNCNT retransmits (6 by default, about 127 s) end the attempt with ETIMEDOUT (S-09).
 */
final class Tcp {
    /** Linux's default net.ipv4.tcp_syn_retries. */
    static final int DEFAULT_SYN_RETRIES = 6;
    /** The largest TCP_SYNCNT Linux accepts. */
    static final int MAX_SYN_RETRIES = 127;
    /** The initial retransmission timeout of a SYN (RFC 6298, as Linux uses it). */
    private static final long INITIAL_RTO_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long Linux waits for an ARP answer before it reports EHOSTUNREACH (3 probes, 1 s apart). */
    private static final long ARP_TIMEOUT_NANOS = Duration.ofSeconds(3).toNanos();
    /** TCP_TIMEWAIT_LEN: how long the side that closed first keeps the connection's 4-tuple. */
    static final long TIME_WAIT_NANOS = Duration.ofSeconds(60).toNanos();
    /** net.ipv4.tcp_fin_timeout: how long a closed socket waits in FIN_WAIT_2 for the other side's FIN. */
    private static final long FIN_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();
    /** net.core.somaxconn: the largest backlog listen() takes. */
    private static final int SOMAXCONN = 4096;
    /** How many bytes a receiver queues before its sender must wait (tcp_rmem's default, 128 KiB). */
    static final int RECEIVE_BUFFER = 131_072;

    private final Network net;
    private final Binding binding;

    Tcp(Network net) {
        this.net = net;
        this.binding = new Binding(net);
    }

    TcpSocket open(Host host, AddressFamily family) {
        return new TcpSocket(net.newSocketId(), host, family);
    }

    void bind(Call c, TcpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        binding.bind(c, s, addr, addrlen);
    }

    // ---- listen and accept ----

    void listen(Call c, TcpSocket s, int backlog) throws ErrnoException {
        if (s.sockState() != ConnectState.UNCONNECTED) {
            throw c.fail(EINVAL);
        }
        switch (s.state()) {
            case CLOSED -> {
                if (!s.hashed()) {
                    if (!binding.autobind(s)) {
                        throw c.fail(EADDRINUSE);
                    }
                } else if (binding.conflicts(s, s.localIp(), s.localPort())) {
                    throw c.fail(EADDRINUSE);
                }
                s.become(LISTEN, trace());
                s.host.listening(s);
            }
            case LISTEN -> {
                // a second listen() only changes the backlog
            }
            default -> throw c.fail(EINVAL);
        }
        // Linux compares the backlog as unsigned: a negative one is huge, so it becomes somaxconn.
        s.backlog = Integer.compareUnsigned(backlog, SOMAXCONN) > 0 ? SOMAXCONN : backlog;
    }

    TcpSocket accept(Call c, TcpSocket s) throws ErrnoException {
        if (s.state() != LISTEN) {
            throw c.fail(EINVAL);
        }
        if (s.acceptQueue().isEmpty()) {
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> !s.acceptQueue().isEmpty() || s.state() != LISTEN) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
            if (s.state() != LISTEN) {
                throw c.fail(EINVAL); // another thread shut the listener down
            }
        }
        TcpSocket child = s.acceptQueue().poll();
        child.listener = null;
        return child;
    }

    // ---- connect ----

    /**
     * connect() as Linux's {@code __inet_stream_connect()}: the socket layer's state decides between EISCONN,
     * EALREADY and a new attempt; then a non-blocking call returns, a blocking one waits.
     */
    void connect(Call c, TcpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (addrlen < Addresses.SA_FAMILY_SIZE) {
            throw c.fail(EINVAL);
        }
        if (addr instanceof SockAddr.Unspec) {
            disconnect(s); // S-06: the null address dissolves the association
            s.sockBecome(ConnectState.UNCONNECTED);
            return;
        }
        Errno pending = switch (s.sockState()) {
            case DISCONNECTING -> throw c.fail(EINVAL); // shutdown() ended an attempt no connect() had reported
            case CONNECTED -> throw c.fail(EISCONN);
            case CONNECTING -> EALREADY; // S-12: the address is not even looked at
            case UNCONNECTED -> {
                if (s.state() != CLOSED) {
                    throw c.fail(EISCONN); // a listening socket: Linux says EISCONN
                }
                SockAddr target = destination(c, s, addr, addrlen);
                start(c, s, target); // S-01, S-07
                if (s.family == AddressFamily.AF_INET6 && target instanceof SockAddr.In) {
                    s.ipv4Operations = true; // tcp_v6_connect() switched to ipv6_mapped for good
                }
                s.sockBecome(ConnectState.CONNECTING);
                yield EINPROGRESS;
            }
        };
        if (pending(s)) {
            if (s.nonBlocking()) {
                throw c.fail(pending); // S-11 (EINPROGRESS) or S-12 (EALREADY)
            }
            // S-08: block until the attempt ends; S-10: a signal ends the wait, not the attempt.
            if (await(c, () -> !pending(s)) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
        if (s.state() == CLOSED) {
            // The attempt failed (S-09: ETIMEDOUT aborts it). The error is reported once; if SO_ERROR consumed
            // it already, Linux reports ECONNABORTED. Either way the socket may try again.
            Errno error = s.takeError().orElse(ECONNABORTED);
            s.sockBecome(ConnectState.UNCONNECTED);
            disconnect(s);
            throw c.fail(error);
        }
        s.sockBecome(ConnectState.CONNECTED); // the first call after an asynchronous completion returns 0 once
    }

    /** Where connect() aims, as the wire carries it, with {@code tcp_v4_connect()}'s and {@code tcp_v6_connect()}'s checks. */
    private static SockAddr destination(Call c, TcpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (s.family == AddressFamily.AF_INET) {
            if (addrlen < Addresses.SOCKADDR_IN_SIZE) {
                throw c.fail(EINVAL);
            }
            if (!(addr instanceof SockAddr.In in)) {
                throw c.fail(EAFNOSUPPORT);
            }
            // Linux connects a socket aimed at the wildcard address to the local host.
            return in.address().isAnyLocalAddress() ? new SockAddr.In(Addresses.LOOPBACK4, in.port()) : in;
        }
        if (addrlen < Addresses.SOCKADDR_IN6_MIN_SIZE) {
            throw c.fail(EINVAL); // a sockaddr_in is too short for an AF_INET6 socket
        }
        if (!(addr instanceof SockAddr.In6 in6)) {
            throw c.fail(EAFNOSUPPORT);
        }
        InetAddress ip = in6.address();
        if (ip.isAnyLocalAddress()) {
            ip = s.localIp() instanceof Inet4Address ? Addresses.LOOPBACK4 : Addresses.LOOPBACK6;
        } else if (ip instanceof Inet6Address v6 && Addresses.isV4Mapped(v6)) {
            if (s.v6only()) {
                throw c.fail(ENETUNREACH); // an IPv6-only socket has no route to IPv4
            }
            ip = Addresses.unmapped(v6);
            if (ip.isAnyLocalAddress()) {
                ip = Addresses.LOOPBACK4; // ::ffff:0.0.0.0 is IPv4's wildcard: the local host, as 0.0.0.0 is
            }
        }
        return Addresses.wire(ip, in6.port());
    }

    /** Routes, binds if needed (S-01), claims the 4-tuple, and sends the first SYN (S-07). */
    private void start(Call c, TcpSocket s, SockAddr target) throws ErrnoException {
        Host host = s.host;
        InetAddress source;
        Host to;
        switch (net.routing.route(host, Addresses.ip(target))) {
            case Route.Unreachable u -> throw c.fail(u.errno());
            case Route.Broadcast ignored -> throw c.fail(ENETUNREACH); // TCP has no route to a broadcast address
            case Route.Local local -> {
                source = local.source();
                to = host;
            }
            case Route.Remote remote -> {
                source = remote.source();
                to = remote.host();
            }
        }
        if (s.localIp() instanceof Inet4Address && source instanceof Inet6Address) {
            // a v4-mapped name, even ::ffff:0.0.0.0, cannot reach IPv6 (ip6_dst_lookup_tail()); an IPv6 name that
            // bind() chose never gets here with IPv4, as it made the socket IPv6-only
            throw c.fail(EAFNOSUPPORT);
        }
        if (!s.hashed()) {
            InetAddress address = s.addressLocked() ? s.localIp() : source;
            int port = connectPort(host, address, target);
            if (port < 0) {
                throw c.fail(EADDRNOTAVAIL); // every port of the ephemeral range is in use toward this peer
            }
            host.tcpPorts.take(s, address, port, s.addressLocked(), false, true);
        } else {
            if (net.routing.routeChoosesSource(host, s.localIp())) {
                s.localAddress(source); // the route's source fills in what bind() left open, or bound as a broadcast
            }
            if (host.connections.contains(s.local(), target)) {
                throw c.fail(EADDRNOTAVAIL); // this 4-tuple is taken (__inet_check_established)
            }
        }
        s.peer = target;
        s.connection = net.newConnection();
        host.connections.add(s, target);
        s.registered = true;
        s.takeError(); // tcp_connect_init() clears an old error
        s.finReceived = false;
        s.retransmits = 0;
        s.rtoNanos = INITIAL_RTO_NANOS;
        s.become(SYN_SENT, trace());
        sendSyn(s, to);
        armRetransmit(s, to);
    }

    /**
     * An ephemeral port for a connection from {@code address} to {@code target}: a free one, or else one that
     * connect() chose for connections to other peers, which Linux shares ({@code __inet_hash_connect()}).
     * O(1) when a port is free or when every shared port already talks to {@code target}.
     */
    private int connectPort(Host host, InetAddress address, SockAddr target) {
        PortTable ports = host.tcpPorts;
        int low = net.ephemeralLow();
        int high = net.ephemeralHigh();
        int free = ports.freePort(low, high);
        if (free >= 0) {
            return free;
        }
        int shareable = ports.shareableCount();
        if (host.connections.onSharedPortsTo(target) >= shareable) {
            return -1;
        }
        for (int tried = 0; tried < shareable; tried++) {
            int port = ports.nextShareablePort(low, high);
            if (port < 0) {
                return -1;
            }
            if (!host.connections.contains(Addresses.wire(address, port), target)) {
                return port;
            }
        }
        return -1;
    }

    // ---- the handshake ----

    private void sendSyn(TcpSocket s, Host to) {
        long conn = s.connection;
        SockAddr from = s.local();
        SockAddr target = s.peer;
        int retransmit = s.retransmits;
        Host host = s.host;
        record(host, Kind.SEND, () -> "SYN " + from + " > " + target
                + (retransmit == 0 ? "" : " (retransmit " + retransmit + ")"));
        Verdict verdict = net.faults.verdict(target, Segment.CONNECTION_REQUEST);
        long extra = verdict instanceof Verdict.Pass pass ? pass.extraNanos() : 0;
        net.scheduler.after(net.latency(host, to) + extra, () -> arriveSyn(s, conn, target, to, verdict));
    }

    private void armRetransmit(TcpSocket s, Host to) {
        long conn = s.connection;
        s.retransmit = net.scheduler.after(s.rtoNanos, () -> {
            s.retransmit = null;
            if (s.connection != conn || s.state() != SYN_SENT) {
                return;
            }
            int limit = s.option(SocketOption.TCP_SYNCNT, DEFAULT_SYN_RETRIES);
            Host host = s.host;
            SimSocket.Label label = s.label;
            if (s.retransmits < limit) {
                s.retransmits++;
                s.rtoNanos *= 2;
                record(host, Kind.TIMER, () -> label + " SYN not answered: retransmit");
                sendSyn(s, to);
                armRetransmit(s, to);
            } else {
                int gaveUp = s.retransmits;
                record(host, Kind.TIMER, () -> label + " gave up after " + gaveUp + " retransmits (TCP_SYNCNT "
                        + limit + ")");
                fail(s, conn, Errno.ETIMEDOUT); // S-09
            }
        });
    }

    private void arriveSyn(TcpSocket client, long conn, SockAddr target, Host to, Verdict verdict) {
        if (client.connection != conn || client.state() != SYN_SENT) {
            return; // the attempt was abandoned while the SYN travelled
        }
        Host from = client.host;
        if (client.ipv4Operations && target instanceof SockAddr.In6) {
            record(from, Kind.DROP, () -> "SYN to " + target + " lost: the socket still sends as IPv4 since its"
                    + " v4-mapped connect (Linux keeps ipv6_mapped)");
            return;
        }
        switch (verdict) {
            case Verdict.Lose ignored -> {
                record(from, Kind.DROP, () -> "SYN to " + target + " lost (fault: Drop)");
                return;
            }
            case Verdict.Answer answer -> {
                refuse(client, conn, to, answer.what(), answer.errno());
                return;
            }
            case Verdict.NoArp ignored -> {
                noArp(client, conn, target);
                return;
            }
            case Verdict.Pass ignored -> {
                // nothing stops the SYN on its way
            }
        }
        if (to == null) {
            noArp(client, conn, target);
            return;
        }
        SockAddr source = client.local();
        TcpSocket old = to.connections.find(target, source);
        if (old == client) {
            selfConnect(client, conn);
            return;
        }
        if (old != null) {
            if (old.state() != TIME_WAIT) {
                return; // a duplicate of a SYN already answered
            }
            done(old); // a new SYN takes the 4-tuple over from TIME_WAIT
        }
        TcpSocket listener = listenerFor(to, target);
        if (listener == null) {
            refuse(client, conn, to, "RST: nothing listens on " + target, ECONNREFUSED);
            return;
        }
        int waiting = listener.acceptQueue().size() + listener.halfOpen().size();
        if (waiting > listener.backlog) { // Linux admits backlog + 1 connections before the queue counts as full
            int backlog = listener.backlog;
            record(to, Kind.DROP, () -> "SYN to " + target + " dropped: accept queue full (" + waiting
                    + " waiting, backlog " + backlog + ")");
            return;
        }
        TcpSocket child = new TcpSocket(net.newSocketId(), listener.host, listener.family);
        child.inheritOptions(listener);
        to.tcpPorts.take(child, Addresses.ip(target), Addresses.port(target), listener.addressLocked(),
                listener.portLocked(), false);
        child.peer = source;
        child.remote = client;
        child.connection = conn;
        child.listener = listener;
        to.connections.add(child, source);
        child.registered = true;
        listener.halfOpen().add(child);
        child.become(SYN_RECV, trace());
        record(to, Kind.SEND, () -> "SYN-ACK " + target + " > " + source);
        boolean resetLater = verdict instanceof Verdict.Pass pass && pass.resetLater();
        net.scheduler.after(net.latency(to, from), () -> arriveSynAck(client, conn, child, resetLater));
    }

    /**
     * A socket that sent a SYN to its own address receives it: a simultaneous open with itself (RFC 9293, 3.5),
     * {@code SYN_SENT -> SYN_RECV}, and its own SYN-ACK makes it ESTABLISHED, its own peer.
     */
    private void selfConnect(TcpSocket s, long conn) {
        s.become(SYN_RECV, trace());
        s.remote = s;
        SockAddr name = s.local();
        Host host = s.host;
        record(host, Kind.SEND, () -> "SYN-ACK " + name + " > " + name + " (a simultaneous open with itself)");
        net.scheduler.after(0, () -> arriveSynAck(s, conn, s, false));
    }

    /** The listener a SYN for {@code target} reaches: one bound to that address, or else a wildcard that takes it. */
    private static TcpSocket listenerFor(Host host, SockAddr target) {
        InetAddress ip = Addresses.ip(target);
        boolean v4 = ip instanceof Inet4Address;
        TcpSocket best = null;
        int bestScore = 0;
        for (TcpSocket l : host.listenersOn(Addresses.port(target))) {
            InetAddress bound = l.localIp();
            if (bound.equals(ip)) {
                return l;
            }
            if (!bound.isAnyLocalAddress()) {
                continue;
            }
            // 0.0.0.0 takes IPv4; :: takes IPv6, and IPv4 too unless IPV6_V6ONLY; an AF_INET wildcard wins a tie.
            int score = bound instanceof Inet4Address ? (v4 ? 2 : 0) : (v4 ? (l.v6only() ? 0 : 1) : 2);
            if (score > bestScore) {
                best = l;
                bestScore = score;
            }
        }
        return best;
    }

    private void arriveSynAck(TcpSocket client, long conn, TcpSocket child, boolean resetLater) {
        if (client.connection != conn || !pending(client)) {
            abort(child, " (the client gave up)"); // the client answers a stray SYN-ACK with RST
            return;
        }
        net.scheduler.cancel(client.retransmit);
        client.retransmit = null;
        client.remote = child;
        boolean simultaneous = client.state() == SYN_RECV;
        client.become(ESTABLISHED, trace());
        Host from = client.host;
        Host to = child.host;
        SockAddr local = client.local();
        SockAddr peer = client.peer;
        record(from, Kind.SEND, () -> "ACK " + local + " > " + peer);
        net.scheduler.after(net.latency(from, to), () -> arriveHandshakeAck(child, conn));
        if (simultaneous && client.writeShut()) {
            finish(client); // tcp_rcv_state_process(): SYN_RECV becomes ESTABLISHED and sends the pending FIN
        }
        if (resetLater) {
            // the peer accepts, then resets the connection one round trip later (fault: Reset)
            long rtt = Math.max(2 * net.latency(from, to), Duration.ofMillis(1).toNanos());
            net.scheduler.after(rtt, () -> {
                if (child.connection == conn && child.state() != CLOSED) {
                    abort(child, " (fault: Reset)");
                }
            });
        }
    }

    private void arriveHandshakeAck(TcpSocket child, long conn) {
        if (child.connection != conn || child.state() != SYN_RECV) {
            return;
        }
        TcpSocket listener = child.listener;
        listener.halfOpen().remove(child);
        child.become(ESTABLISHED, trace());
        child.sockBecome(ConnectState.CONNECTED);
        listener.acceptQueue().add(child);
    }

    /** The destination or a router answers the SYN with an error: RST or ICMP. */
    private void refuse(TcpSocket client, long conn, Host answerer, String what, Errno errno) {
        Host from = client.host;
        Host by = answerer == null ? from : answerer;
        SockAddr local = client.local();
        record(by, Kind.SEND, () -> what + " > " + local);
        net.scheduler.after(net.latency(from, by), () -> fail(client, conn, errno));
    }

    private void noArp(TcpSocket client, long conn, SockAddr target) {
        Host from = client.host;
        record(from, Kind.DROP, () -> "SYN to " + target + ": no host answers ARP");
        net.scheduler.after(ARP_TIMEOUT_NANOS, () -> {
            if (client.connection == conn && client.state() == SYN_SENT) {
                record(from, Kind.DELIVER, () -> "ICMP host unreachable for " + target);
            }
            fail(client, conn, Errno.EHOSTUNREACH);
        });
    }

    /** Ends a pending attempt with {@code errno}: the socket becomes writable, POLLERR, and SO_ERROR holds it. */
    private void fail(TcpSocket client, long conn, Errno errno) {
        if (client.connection != conn || client.state() != SYN_SENT) {
            return;
        }
        client.error(errno);
        done(client);
    }

    // ---- data ----

    int send(Call c, TcpSocket s, byte[] data) throws ErrnoException {
        awaitConnected(c, s);
        if (s.hasError() || s.writeShut()) {
            throw c.fail(s.takeError().orElse(EPIPE));
        }
        if (data.length == 0) {
            return 0;
        }
        while (room(s) <= 0) {
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> room(s) > 0 || s.hasError() || !sending(s)) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
            if (s.hasError() || s.writeShut() || !sending(s)) {
                throw c.fail(s.takeError().orElse(EPIPE));
            }
        }
        byte[] bytes = Arrays.copyOf(data, Math.min(room(s), data.length));
        transmit(s, bytes);
        return bytes.length;
    }

    /** Waits while a stream is still connecting; fails as Linux's {@code sk_stream_wait_connect()} does otherwise. */
    private void awaitConnected(Call c, TcpSocket s) throws ErrnoException {
        while (!sending(s)) {
            if (s.hasError()) {
                throw c.fail(s.takeError().orElseThrow());
            }
            if (s.state() != SYN_SENT && s.state() != SYN_RECV) {
                throw c.fail(EPIPE);
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> !pending(s) || s.hasError()) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    /** SYN_SENT or SYN_RECV: the handshake is not over ({@code inet_wait_for_connect()} waits in both). */
    private static boolean pending(TcpSocket s) {
        return s.state() == SYN_SENT || s.state() == SYN_RECV;
    }

    /** ESTABLISHED or CLOSE_WAIT: the states in which a socket may send. */
    private static boolean sending(TcpSocket s) {
        return s.state() == ESTABLISHED || s.state() == CLOSE_WAIT;
    }

    /** How many more bytes the other end will queue. */
    private static int room(TcpSocket s) {
        TcpSocket r = s.remote;
        return r == null ? RECEIVE_BUFFER : RECEIVE_BUFFER - r.inbound.size() - s.inFlight;
    }

    private void transmit(TcpSocket s, byte[] bytes) {
        long conn = s.connection;
        TcpSocket r = s.remote;
        SockAddr from = s.local();
        SockAddr to = s.peer;
        Host host = s.host;
        int length = bytes.length; // the step keeps the count, not the bytes
        record(host, Kind.SEND, () -> "DATA " + from + " > " + to + " (" + length + " bytes)");
        s.inFlight += bytes.length;
        long extra = net.faults.verdict(to, Segment.OTHER) instanceof Verdict.Pass pass ? pass.extraNanos() : 0;
        net.scheduler.after(net.latency(host, r.host) + extra, () -> arriveData(s, conn, r, bytes));
    }

    private void arriveData(TcpSocket sender, long conn, TcpSocket r, byte[] bytes) {
        if (sender.connection == conn) {
            sender.inFlight -= bytes.length;
        }
        if (r.connection != conn) {
            return;
        }
        switch (r.state()) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> {
                if (r.readShut() && r.state() != ESTABLISHED) {
                    // RFC 1122: data for a socket that can no longer read (closed, or shut down) resets it.
                    abort(r, " (data after close)");
                    return;
                }
                r.inbound.add(bytes);
            }
            case CLOSED, LISTEN, SYN_SENT, SYN_RECV, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK -> {
                // nothing reads there any more
            }
        }
    }

    int recv(Call c, TcpSocket s, byte[] buffer) throws ErrnoException {
        if (s.state() == LISTEN) {
            throw c.fail(ENOTCONN);
        }
        // A zero-length read makes the same checks: tcp_recvmsg()'s loop runs once, whatever the length.
        while (true) {
            if (!s.inbound.isEmpty()) {
                return s.inbound.take(buffer); // none taken for an empty buffer
            }
            if (s.finReceived) {
                return 0; // end of stream: the peer sent FIN
            }
            var error = s.takeError();
            if (error.isPresent()) {
                throw c.fail(error.get()); // reported once (then reading gives 0)
            }
            if (s.readShut()) {
                return 0;
            }
            if (s.state() == CLOSED) {
                throw c.fail(ENOTCONN); // never connected, or disconnected
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> !s.inbound.isEmpty() || s.finReceived || s.hasError() || s.readShut()
                    || s.state() == CLOSED) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    // ---- closing ----

    void shutdown(Call c, TcpSocket s, boolean read, boolean write) throws ErrnoException {
        if (s.sockState() == ConnectState.CONNECTING) {
            // inet_shutdown(): an attempt that completed counts as connected; one still pending or already failed
            // is being disconnected, and connect() says EINVAL until connect(AF_UNSPEC)
            s.sockBecome(pending(s) || s.state() == CLOSED ? ConnectState.DISCONNECTING : ConnectState.CONNECTED);
        }
        switch (s.state()) {
            case CLOSED, TIME_WAIT -> {
                s.shut(read, write); // Linux sets the flags even here, then says ENOTCONN
                throw c.fail(ENOTCONN);
            }
            case LISTEN -> {
                if (read) {
                    disconnect(s); // the listener stops: accept() gives EINVAL, connects are refused
                    s.sockBecome(ConnectState.UNCONNECTED);
                }
            }
            case SYN_SENT -> {
                // Shutting down a pending attempt aborts it: writable, POLLERR, SO_ERROR = ECONNRESET; like
                // Linux's inet_shutdown(), it also disconnects the socket layer, so connect() starts afresh.
                disconnect(s);
                s.sockBecome(ConnectState.UNCONNECTED);
            }
            case SYN_RECV, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK -> {
                s.shut(read, write);
                if (write && (s.state() == ESTABLISHED || s.state() == CLOSE_WAIT)) {
                    finish(s);
                }
            }
        }
    }

    /** Sends FIN: ESTABLISHED becomes FIN_WAIT_1, CLOSE_WAIT becomes LAST_ACK. */
    private void finish(TcpSocket s) {
        s.become(s.state() == ESTABLISHED ? TcpState.FIN_WAIT_1 : TcpState.LAST_ACK, trace());
        long conn = s.connection;
        TcpSocket r = s.remote;
        SockAddr from = s.local();
        SockAddr to = s.peer;
        Host host = s.host;
        record(host, Kind.SEND, () -> "FIN " + from + " > " + to);
        if (r != null) {
            net.scheduler.after(net.latency(host, r.host), () -> arriveFin(r, conn, s));
        }
    }

    private void arriveFin(TcpSocket r, long conn, TcpSocket sender) {
        if (r.connection != conn) {
            return;
        }
        r.finReceived = true;
        r.shut(true, false);
        switch (r.state()) {
            case ESTABLISHED -> r.become(CLOSE_WAIT, trace());
            case FIN_WAIT_1 -> r.become(TcpState.CLOSING, trace());
            case FIN_WAIT_2 -> timeWait(r);
            case CLOSED, LISTEN, SYN_SENT, SYN_RECV, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK -> {
                return;
            }
        }
        Host host = r.host;
        SockAddr from = r.local();
        SockAddr to = r.peer;
        record(host, Kind.SEND, () -> "ACK " + from + " > " + to);
        net.scheduler.after(net.latency(host, sender.host), () -> arriveFinAck(sender, conn));
    }

    private void arriveFinAck(TcpSocket s, long conn) {
        if (s.connection != conn) {
            return;
        }
        switch (s.state()) {
            case FIN_WAIT_1 -> {
                s.become(TcpState.FIN_WAIT_2, trace());
                if (s.released()) {
                    orphanTimeout(s);
                }
            }
            case CLOSING -> timeWait(s);
            case LAST_ACK -> done(s);
            case CLOSED, LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT_2, TIME_WAIT, CLOSE_WAIT -> {
                // nothing waited for this ACK
            }
        }
    }

    /**
     * The side that closed first keeps the 4-tuple and its port for TCP_TIMEWAIT_LEN (60 s). Like Linux's
     * {@code tcp_time_wait()}, it hands them to a time-wait socket, which has no descriptor, and the socket
     * itself is CLOSED: a descriptor still open on it may bind, listen or connect again (or find the port taken).
     */
    private void timeWait(TcpSocket s) {
        s.become(TIME_WAIT, trace());
        Host host = s.host;
        TcpSocket tw = TcpSocket.timeWait(net.newSocketId(), s);
        SockAddr local = s.local();
        SockAddr peer = s.peer;
        boolean addressLocked = s.addressLocked();
        boolean portLocked = s.portLocked();
        boolean viaConnect = s.viaConnect();
        SimSocket.Label label = tw.label;
        record(host, Kind.STATE, () -> label + " (time-wait, no descriptor) keeps " + local + " > " + peer
                + " in TIME_WAIT for 60 s");
        s.shut(true, true);
        closedState(s); // the socket gives up its 4-tuple, and its port unless bind() chose it
        host.tcpPorts.take(tw, Addresses.ip(local), Addresses.port(local), addressLocked, portLocked, viaConnect);
        host.connections.add(tw, peer);
        tw.registered = true;
        closeAfter(tw, TIME_WAIT_NANOS);
    }

    /** A closed socket in FIN_WAIT_2 waits tcp_fin_timeout for the other side's FIN, then gives up. */
    private void orphanTimeout(TcpSocket s) {
        closeAfter(s, FIN_TIMEOUT_NANOS);
    }

    /** Ends the connection after {@code nanos}, in place of any earlier closing timer. */
    private void closeAfter(TcpSocket s, long nanos) {
        net.scheduler.cancel(s.closeTimer);
        s.closeTimer = net.scheduler.after(nanos, () -> {
            s.closeTimer = null;
            done(s);
        });
    }

    /** {@code s} aborts its connection: RST to the other end, and {@code s} is CLOSED. */
    private void abort(TcpSocket s, String why) {
        TcpSocket r = s.remote;
        long conn = s.connection;
        SockAddr from = s.local();
        SockAddr to = s.peer;
        Host host = s.host;
        record(host, Kind.SEND, () -> "RST " + from + " > " + to + why);
        if (r != null) {
            net.scheduler.after(net.latency(host, r.host), () -> arriveRst(r, conn, from, to));
        }
        if (s.state() == SYN_RECV && s.listener != null) {
            s.listener.halfOpen().remove(s);
        }
        done(s);
    }

    private void arriveRst(TcpSocket r, long conn, SockAddr from, SockAddr to) {
        if (r.connection != conn || r.state() == CLOSED) {
            // The socket left the connection; a time-wait socket may hold it now (found by its 4-tuple).
            TcpSocket tw = r.host.connections.find(to, from);
            if (tw != null && tw.state() == TIME_WAIT && tw.connection == conn) {
                done(tw); // a RST ends TIME_WAIT early, silently
            }
            return;
        }
        // tcp_reset(): the error depends on the state the RST finds
        Errno error = switch (r.state()) {
            case SYN_SENT -> ECONNREFUSED;
            case CLOSE_WAIT -> EPIPE;
            case CLOSED, LISTEN -> null;
            case TIME_WAIT -> null; // a RST ends TIME_WAIT early, silently
            case SYN_RECV, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK -> ECONNRESET;
        };
        if (r.state() == CLOSED || r.state() == LISTEN) {
            return;
        }
        SimSocket.Label label = r.label;
        record(r.host, Kind.DELIVER, () -> label + " RST from " + from);
        if (r.state() == SYN_RECV && r.listener != null) {
            r.listener.halfOpen().remove(r);
        }
        if (error != null) {
            r.error(error);
        }
        done(r);
    }

    /** close(): the descriptor goes; the connection closes gracefully (FIN) and lives on until it is done. */
    void close(TcpSocket s) {
        s.release();
        s.shut(true, true); // __tcp_close(): sk_shutdown = SHUTDOWN_MASK
        switch (s.state()) {
            case LISTEN -> {
                stopListening(s);
                closedState(s);
            }
            case CLOSED -> closedState(s);
            case SYN_SENT, SYN_RECV -> done(s); // the attempt is abandoned: its timers and answers are ignored
            case ESTABLISHED, CLOSE_WAIT -> {
                if (!s.inbound.isEmpty()) {
                    s.inbound.clear();
                    abort(s, " (unread data)"); // Linux resets a connection closed with unread data
                } else if (s.option(SocketOption.SO_LINGER, -1) == 0) {
                    abort(s, " (SO_LINGER 0)");
                } else {
                    finish(s);
                }
            }
            case FIN_WAIT_2 -> orphanTimeout(s);
            case FIN_WAIT_1, CLOSING, LAST_ACK, TIME_WAIT -> {
                // the connection finishes closing without its descriptor
            }
        }
    }

    private void stopListening(TcpSocket listener) {
        listener.host.notListening(listener);
        for (TcpSocket child : new ArrayList<>(listener.acceptQueue())) {
            if (child.state() != CLOSED) {
                abort(child, " (the listener closed)"); // queued connections are reset
            } else {
                closedState(child);
            }
        }
        listener.acceptQueue().clear();
        for (TcpSocket child : new ArrayList<>(listener.halfOpen())) {
            abort(child, " (the listener closed)");
        }
        listener.halfOpen().clear();
    }

    /**
     * {@code tcp_disconnect()}: the connection (or listener, or attempt) is abandoned, a connection with a RST;
     * the socket is CLOSED and may bind, listen or connect again.
     */
    private void disconnect(TcpSocket s) {
        switch (s.state()) {
            case LISTEN -> stopListening(s);
            case SYN_RECV, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK -> {
                TcpSocket r = s.remote;
                long conn = s.connection;
                SockAddr from = s.local();
                SockAddr to = s.peer;
                Host host = s.host;
                record(host, Kind.SEND, () -> "RST " + from + " > " + to);
                if (r != null) {
                    net.scheduler.after(net.latency(host, r.host), () -> arriveRst(r, conn, from, to));
                }
                s.error(ECONNRESET);
            }
            case SYN_SENT -> s.error(ECONNRESET);
            case CLOSED, TIME_WAIT -> {
                // nothing to abandon on the wire
            }
        }
        if (s.state() != CLOSED) {
            closedState(s);
        }
        s.inbound.clear();
        s.inFlight = 0;
        s.finReceived = false;
        s.reopen(); // sk_shutdown = 0
        s.peer = null;
        s.connection = 0;
        if (!s.addressLocked()) {
            s.localAddress(s.wildcard()); // the port stays visible in getsockname(), as on Linux
        }
    }

    /** tcp_done(): the connection is over; reading gives 0 from now on (after any pending error). */
    private void done(TcpSocket s) {
        closedState(s);
        s.shut(true, true);
    }

    /** The socket is CLOSED: timers stop, the 4-tuple is free, and the port goes back unless bind() chose it. */
    private void closedState(TcpSocket s) {
        net.scheduler.cancel(s.retransmit);
        net.scheduler.cancel(s.closeTimer);
        s.retransmit = null;
        s.closeTimer = null;
        s.become(CLOSED, trace());
        Host host = s.host;
        if (s.registered) {
            host.connections.remove(s, s.peer);
            s.registered = false;
        }
        if (s.released() || !s.portLocked()) {
            host.tcpPorts.give(s);
        }
        s.remote = null;
    }

    // ---- names and readiness ----

    SockAddr peerName(Call c, TcpSocket s) throws ErrnoException {
        if (s.peer == null || s.state() == SYN_SENT || s.state() == CLOSED || s.state() == LISTEN) {
            throw c.fail(ENOTCONN);
        }
        return Addresses.shown(s.family, s.peer);
    }

    /** What poll() reports, as Linux's {@code tcp_poll()} computes it. */
    Set<PollEvent> poll(TcpSocket s) {
        Set<PollEvent> ready = EnumSet.noneOf(PollEvent.class);
        if (s.state() == LISTEN) {
            if (!s.acceptQueue().isEmpty()) {
                ready.add(PollEvent.POLLIN);
            }
            return ready;
        }
        boolean closed = s.state() == CLOSED;
        if (s.fullyShut() || closed) {
            ready.add(PollEvent.POLLHUP);
        }
        if (s.readShut()) {
            ready.add(PollEvent.POLLIN);
        }
        if (s.state() != SYN_SENT && s.state() != SYN_RECV) {
            if (!s.inbound.isEmpty() || s.finReceived) {
                ready.add(PollEvent.POLLIN);
            }
            if (s.writeShut() || closed || room(s) > 0) {
                ready.add(PollEvent.POLLOUT); // S-13: a completed (or failed) attempt is writable
            }
        }
        if (s.hasError()) {
            ready.add(PollEvent.POLLERR);
        }
        return ready;
    }

    // ---- helpers ----

    private Scheduler.Wake await(Call c, BooleanSupplier done) {
        return net.scheduler.await(c.toString(), done, Scheduler.FOREVER);
    }

    private Trace trace() {
        return net.scheduler.trace();
    }

    private void record(Host host, Kind kind, Supplier<String> text) {
        net.record(host, kind, text);
    }
}
