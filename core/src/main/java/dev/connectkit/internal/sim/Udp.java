package dev.connectkit.internal.sim;

import dev.connectkit.internal.sim.Faults.Segment;
import dev.connectkit.internal.sim.Faults.Verdict;
import dev.connectkit.internal.sim.Routing.Route;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.sim.TraceEvent.Kind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static dev.connectkit.posix.Errno.EACCES;
import static dev.connectkit.posix.Errno.EAFNOSUPPORT;
import static dev.connectkit.posix.Errno.EAGAIN;
import static dev.connectkit.posix.Errno.ECONNREFUSED;
import static dev.connectkit.posix.Errno.EDESTADDRREQ;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.EMSGSIZE;
import static dev.connectkit.posix.Errno.ENETUNREACH;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.Errno.EPIPE;

/**
 * UDP on the simulated network, as Linux's {@code inet_dgram_connect()}, {@code udp_sendmsg()},
 * {@code udpv6_sendmsg()} and {@code udp_recvmsg()} do it: connect() sets a peer and sends nothing (S-03), a
 * connected socket receives from its peer only (S-05), and an ICMP "port unreachable" becomes ECONNREFUSED for
 * a connected sender only.
 */
final class Udp {
    /** The largest UDP payload over IPv4: 65,535 minus the IP and UDP headers. */
    private static final int MAX_PAYLOAD = 65_507;

    private final Network net;
    private final Binding binding;

    Udp(Network net) {
        this.net = net;
        this.binding = new Binding(net);
    }

    UdpSocket open(Host host, AddressFamily family) {
        return new UdpSocket(net.newSocketId(), host, family);
    }

    void bind(Call c, UdpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        binding.bind(c, s, addr, addrlen);
    }

    /** connect(): binds first if needed (S-01), checks the route, records the peer, and sends nothing (S-03). */
    void connect(Call c, UdpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (addrlen < Addresses.SA_FAMILY_SIZE) {
            throw c.fail(EINVAL);
        }
        if (addr instanceof SockAddr.Unspec) {
            disconnect(s);
            return;
        }
        autobind(c, s); // Linux binds before it even looks at the address
        SockAddr target = connectTarget(c, s, addr, addrlen);
        InetAddress source = routeFrom(c, s, target);
        requireSameVersion(c, s, target);
        if (s.localIp().isAnyLocalAddress()) {
            s.localAddress(source); // the route's source fills in what bind() left open
        }
        s.connectTo(target);
        SockAddr shown = Addresses.shown(s.family, target);
        SimSocket.Label label = s.label;
        net.record(s.host, Kind.STATE, () -> label + " peer " + shown + " (no packet is sent)");
    }

    /** connect(AF_UNSPEC) (S-06): no peer; what bind() did not choose is released ({@code __udp_disconnect()}). */
    private void disconnect(UdpSocket s) {
        s.disconnect();
        if (!s.addressLocked()) {
            s.localAddress(s.wildcard());
        }
        if (!s.portLocked() && s.hashed()) {
            s.host.udpPorts.give(s);
            s.forgetPort();
        }
        SimSocket.Label label = s.label;
        net.record(s.host, Kind.STATE, () -> label + " peer reset (AF_UNSPEC)");
    }

    /** {@code __ip4_datagram_connect()}, {@code __ip6_datagram_connect()}: the peer as the wire carries it. */
    private static SockAddr connectTarget(Call c, UdpSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (s.family == AddressFamily.AF_INET6 && addr instanceof SockAddr.In in) {
            if (s.v6only()) {
                throw c.fail(EAFNOSUPPORT);
            }
            if (addrlen < Addresses.SOCKADDR_IN_SIZE) {
                throw c.fail(EINVAL);
            }
            return anyToLoopback(in); // dual stack: an IPv4 peer, shown v4-mapped
        }
        if (s.family == AddressFamily.AF_INET) {
            if (addrlen < Addresses.SOCKADDR_IN_SIZE) {
                throw c.fail(EINVAL);
            }
            if (!(addr instanceof SockAddr.In in)) {
                throw c.fail(EAFNOSUPPORT);
            }
            return anyToLoopback(in);
        }
        if (addrlen < Addresses.SOCKADDR_IN6_MIN_SIZE) {
            throw c.fail(EINVAL);
        }
        if (!(addr instanceof SockAddr.In6 in6)) {
            throw c.fail(EAFNOSUPPORT);
        }
        return v6Target(c, s, in6);
    }

    private static SockAddr v6Target(Call c, UdpSocket s, SockAddr.In6 in6) throws ErrnoException {
        InetAddress ip = in6.address();
        if (ip.isAnyLocalAddress()) {
            ip = s.localIp() instanceof Inet4Address ? Addresses.LOOPBACK4 : Addresses.LOOPBACK6;
        } else if (ip instanceof Inet6Address v6 && Addresses.isV4Mapped(v6)) {
            if (s.v6only()) {
                throw c.fail(ENETUNREACH);
            }
            ip = Addresses.unmapped(v6);
            if (ip.isAnyLocalAddress()) {
                ip = Addresses.LOOPBACK4; // ::ffff:0.0.0.0: IPv4's wildcard, the local host
            }
        }
        return Addresses.wire(ip, in6.port());
    }

    /**
     * A v4-mapped name, even {@code ::ffff:0.0.0.0}, never reaches IPv6 ({@code ip6_dst_lookup_tail()}, after the
     * route: EAFNOSUPPORT). An IPv6 name may talk IPv4, from IPv4's own source, unless bind() chose it: that made
     * the socket IPv6-only, which the address checks refuse first.
     */
    private static void requireSameVersion(Call c, UdpSocket s, SockAddr target) throws ErrnoException {
        if (s.localIp() instanceof Inet4Address && Addresses.ip(target) instanceof Inet6Address) {
            throw c.fail(EAFNOSUPPORT);
        }
    }

    private static SockAddr anyToLoopback(SockAddr.In in) {
        return in.address().isAnyLocalAddress() ? new SockAddr.In(Addresses.LOOPBACK4, in.port()) : in;
    }

    /** The route's source address toward {@code target}, or the errno Linux gives for the route. */
    private InetAddress routeFrom(Call c, UdpSocket s, SockAddr target) throws ErrnoException {
        return sourceOf(c, s, net.routing.route(s.host, Addresses.ip(target)));
    }

    private static InetAddress sourceOf(Call c, UdpSocket s, Route route) throws ErrnoException {
        return switch (route) {
            case Route.Unreachable u -> throw c.fail(u.errno());
            case Route.Broadcast b -> {
                if (!s.flag(SocketOption.SO_BROADCAST)) {
                    throw c.fail(EACCES); // S-14: addressing a broadcast needs SO_BROADCAST
                }
                yield b.source();
            }
            case Route.Local local -> local.source();
            case Route.Remote remote -> remote.source();
        };
    }

    private void autobind(Call c, UdpSocket s) throws ErrnoException {
        if (!s.hashed() && !binding.autobind(s)) {
            throw c.fail(EAGAIN); // every port of the ephemeral range is taken: UDP says EAGAIN, TCP EADDRNOTAVAIL
        }
    }

    // ---- sending ----

    /** send(): to the connected peer (S-04). */
    int send(Call c, UdpSocket s, byte[] data) throws ErrnoException {
        autobind(c, s); // inet_send_prepare(): bound before anything else is looked at
        if (!s.connected()) {
            throw c.fail(EDESTADDRREQ);
        }
        if (s.family == AddressFamily.AF_INET6 && s.peer() instanceof SockAddr.In && Addresses.port(s.peer()) == 0) {
            // udpv6_sendmsg() hands an IPv4 peer to udp_sendmsg() as an explicit sockaddr_in, whose port 0 it refuses
            throw c.fail(EINVAL);
        }
        return transmit(c, s, s.peer(), data);
    }

    /** sendto(): with {@code udp_sendmsg()}'s (or {@code udpv6_sendmsg()}'s) address checks. */
    int sendto(Call c, UdpSocket s, byte[] data, SockAddr to, int tolen) throws ErrnoException {
        autobind(c, s);
        SockAddr target;
        if (s.family == AddressFamily.AF_INET) {
            if (tolen < Addresses.SOCKADDR_IN_SIZE) {
                throw c.fail(EINVAL);
            }
            target = switch (to) {
                case SockAddr.In in -> anyToLoopback(in);
                case SockAddr.Unspec ignored -> new SockAddr.In(Addresses.ANY4, 0); // AF_UNSPEC is read as AF_INET
                case SockAddr.In6 ignored -> throw c.fail(EAFNOSUPPORT);
                case SockAddr.Un ignored -> throw c.fail(EAFNOSUPPORT);
            };
        } else if (to instanceof SockAddr.Unspec) {
            // AF_UNSPEC means "no address" to an AF_INET6 socket: the connected peer, whatever its port, over IPv6
            if (!s.connected()) {
                throw c.fail(EDESTADDRREQ);
            }
            if (s.peer() instanceof SockAddr.In) {
                // even an IPv4 peer goes to IPv6's routing, v4-mapped, which has no route for it here (a host with
                // an IPv6 default route sends it there, off loopback)
                throw c.fail(ENETUNREACH);
            }
            return transmit(c, s, s.peer(), data);
        } else {
            target = switch (to) {
                case SockAddr.In in -> {
                    if (s.v6only()) {
                        throw c.fail(ENETUNREACH);
                    }
                    yield anyToLoopback(in); // sent as IPv4, as Linux's dual stack does
                }
                case SockAddr.In6 in6 -> {
                    if (tolen < Addresses.SOCKADDR_IN6_MIN_SIZE) {
                        throw c.fail(EINVAL);
                    }
                    yield v6Target(c, s, in6);
                }
                case SockAddr.Unspec ignored -> throw new IllegalStateException("AF_UNSPEC was handled above");
                case SockAddr.Un ignored -> throw c.fail(EINVAL);
            };
        }
        if (Addresses.port(target) == 0) {
            throw c.fail(EINVAL);
        }
        return transmit(c, s, target, data);
    }

    private int transmit(Call c, UdpSocket s, SockAddr target, byte[] data) throws ErrnoException {
        if (data.length > MAX_PAYLOAD) {
            throw c.fail(EMSGSIZE);
        }
        Host host = s.host;
        Route route = net.routing.route(host, Addresses.ip(target));
        InetAddress source = sourceOf(c, s, route);
        requireSameVersion(c, s, target);
        var error = s.takeError();
        if (error.isPresent()) {
            throw c.fail(error.get()); // an ICMP error waited for this call (sock_alloc_send_pskb())
        }
        if (s.writeShut()) {
            throw c.fail(EPIPE); // shut down for writing: no reconnect undoes that
        }
        InetAddress local = s.localIp();
        boolean routeChooses = net.routing.routeChoosesSource(host, local) || local.getClass() != source.getClass();
        SockAddr from = Addresses.wire(routeChooses ? source : local, s.localPort());
        byte[] bytes = data.clone();
        int length = bytes.length; // the step keeps the count, not the bytes
        net.record(host, Kind.SEND, () -> "UDP " + from + " > " + target + " (" + length + " bytes)");
        Host to = switch (route) {
            case Route.Local ignored -> host;
            case Route.Remote remote -> remote.host();
            case Route.Broadcast ignored -> {
                net.record(host, Kind.DROP, () -> "UDP broadcast to " + target + ": nobody in the simulation listens");
                yield null;
            }
            case Route.Unreachable ignored -> null; // sourceOf() has thrown already
        };
        if (route instanceof Route.Broadcast) {
            return bytes.length;
        }
        long extra = net.faults.verdict(target, Segment.OTHER) instanceof Verdict.Pass pass ? pass.extraNanos() : 0;
        net.scheduler.after(net.latency(host, to) + extra, () -> arrive(s, from, target, to, bytes));
        return bytes.length;
    }

    /** A datagram reaches its host: queued for the socket that takes it, or answered by ICMP port unreachable. */
    private void arrive(UdpSocket sender, SockAddr from, SockAddr target, Host to, byte[] bytes) {
        Host host = sender.host;
        if (to == null) {
            net.record(host, Kind.DROP, () -> "UDP to " + target + ": no such host");
            return;
        }
        UdpSocket receiver = receiverFor(to, target, from);
        if (receiver == null) {
            UdpSocket connectedElsewhere = connectedOn(to, target);
            if (connectedElsewhere != null) {
                SockAddr peer = Addresses.shown(connectedElsewhere.family, connectedElsewhere.peer());
                net.record(to, Kind.DROP, () -> "UDP from " + from + " to " + target
                        + " discarded: the receiver is connected to " + peer + " (S-05)");
            } else {
                net.record(to, Kind.DROP, () -> "UDP to " + target + ": port unreachable (ICMP to " + from + ")");
            }
            net.scheduler.after(net.latency(to, host), () -> {
                // Linux reports the ICMP error only to a socket connected to that peer, and finds it as it finds a
                // receiver: by the datagram's source, which a socket bound to a broadcast address, or an AF_INET6
                // one named by IPv6, does not take (__udp4_lib_err())
                InetAddress local = sender.localIp();
                InetAddress source = Addresses.ip(from);
                boolean found = local.equals(source) || takesAny(sender, local, source);
                if (!sender.released() && target.equals(sender.peer()) && found) {
                    sender.error(ECONNREFUSED);
                }
            });
            return;
        }
        int cost = bytes.length + UdpSocket.DATAGRAM_OVERHEAD;
        if (receiver.queuedBytes + cost > UdpSocket.RECEIVE_BUFFER) {
            net.record(to, Kind.DROP, () -> "UDP " + from + " > " + target + " dropped: receive buffer full");
            return;
        }
        receiver.queue.add(new Datagram(bytes, Addresses.shown(receiver.family, from)));
        receiver.queuedBytes += cost;
        int length = bytes.length;
        net.record(to, Kind.DELIVER, () -> "UDP " + from + " > " + target + " queued (" + length + " bytes)");
    }

    /**
     * The socket a datagram from {@code source} to {@code target} goes to ({@code __udp4_lib_lookup()}): the
     * best match by local address and, for connected sockets, by peer; a connected socket takes nothing from
     * anyone else (S-05). Among equals, the one bound last.
     */
    private static UdpSocket receiverFor(Host host, SockAddr target, SockAddr source) {
        InetAddress dst = Addresses.ip(target);
        UdpSocket best = null;
        int bestScore = -1;
        for (InetSocket holder : host.udpPorts.holders(Addresses.port(target))) {
            if (!(holder instanceof UdpSocket u) || u.released()) {
                continue;
            }
            int score = 0;
            InetAddress bound = u.localIp();
            if (bound.equals(dst)) {
                score += 4;
            } else if (!takesAny(u, bound, dst)) {
                continue;
            }
            if (u.connected()) {
                SockAddr peer = u.peer();
                if (!Addresses.ip(peer).equals(Addresses.ip(source))) {
                    continue;
                }
                score += 4;
                if (Addresses.port(peer) != 0) {
                    if (Addresses.port(peer) != Addresses.port(source)) {
                        continue;
                    }
                    score += 4;
                }
            }
            if (score >= bestScore) {
                best = u;
                bestScore = score;
            }
        }
        return best;
    }

    /** Whether a socket bound to the wildcard {@code bound} takes datagrams for {@code dst}. */
    private static boolean takesAny(UdpSocket u, InetAddress bound, InetAddress dst) {
        if (!bound.isAnyLocalAddress()) {
            return false;
        }
        boolean v4 = dst instanceof Inet4Address;
        return bound instanceof Inet4Address ? v4 : !v4 || !u.v6only();
    }

    private static UdpSocket connectedOn(Host host, SockAddr target) {
        for (InetSocket holder : host.udpPorts.holders(Addresses.port(target))) {
            if (holder instanceof UdpSocket u && u.connected() && !u.released()) {
                return u;
            }
        }
        return null;
    }

    // ---- receiving, shutdown, close ----

    /** recv()/recvfrom(): the next datagram, after any pending error; 0 bytes once shut down for reading. */
    Datagram receive(Call c, UdpSocket s, int max) throws ErrnoException {
        while (true) {
            var error = s.takeError();
            if (error.isPresent()) {
                throw c.fail(error.get());
            }
            Datagram d = s.queue.poll();
            if (d != null) {
                s.queuedBytes -= d.data().length + UdpSocket.DATAGRAM_OVERHEAD;
                return d.data().length <= max ? d : new Datagram(Arrays.copyOf(d.data(), max), d.from());
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (s.readShut()) {
                return new Datagram(new byte[0], SockAddr.unspec());
            }
            if (net.scheduler.await(c.toString(), () -> !s.queue.isEmpty() || s.hasError() || s.readShut(),
                    Scheduler.FOREVER) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    /** shutdown(): the directions are shut even on an unconnected socket, which still says ENOTCONN (Linux). */
    void shutdown(Call c, UdpSocket s, boolean read, boolean write) throws ErrnoException {
        s.shut(read, write);
        if (!s.connected()) {
            throw c.fail(ENOTCONN);
        }
    }

    void close(UdpSocket s) {
        s.release();
        s.host.udpPorts.give(s);
        s.queue.clear();
        s.queuedBytes = 0;
    }

    SockAddr peerName(Call c, UdpSocket s) throws ErrnoException {
        if (!s.connected() || Addresses.port(s.peer()) == 0) {
            throw c.fail(ENOTCONN); // Linux: a peer with port 0 is no peer
        }
        return Addresses.shown(s.family, s.peer());
    }

    /** What poll() reports, as Linux's {@code udp_poll()} computes it: a datagram socket is always writable. */
    Set<PollEvent> poll(UdpSocket s) {
        Set<PollEvent> ready = EnumSet.of(PollEvent.POLLOUT);
        if (s.hasError()) {
            ready.add(PollEvent.POLLERR);
        }
        if (s.readShut() || !s.queue.isEmpty()) {
            ready.add(PollEvent.POLLIN);
        }
        if (s.fullyShut()) {
            ready.add(PollEvent.POLLHUP);
        }
        return ready;
    }
}
