package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.util.ArrayList;
import java.util.List;

import static dev.connectkit.corpus.Peers.SOON_MILLIS;
import static dev.connectkit.corpus.Peers.at;
import static dev.connectkit.corpus.Peers.boundUdp;
import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.closedUdpPort;
import static dev.connectkit.corpus.Peers.listener;
import static dev.connectkit.corpus.Peers.mapped;
import static dev.connectkit.corpus.Peers.name6Of;
import static dev.connectkit.corpus.Peers.nameOf;
import static dev.connectkit.corpus.Peers.poll;
import static dev.connectkit.corpus.Peers.tcp;
import static dev.connectkit.corpus.Peers.tcp6;
import static dev.connectkit.corpus.Peers.udp6;
import static dev.connectkit.corpus.Suite.GVISOR;
import static dev.connectkit.posix.PollEvent.POLLHUP;
import static dev.connectkit.posix.PollEvent.POLLIN;
import static dev.connectkit.posix.PollEvent.POLLOUT;

/**
 * Scenarios from gVisor's loopback tests: {@code socket_inet_loopback.cc} (listeners that shut down or close
 * while clients connect, the whole 127/8, dual stack), {@code socket_inet_loopback_isolated.cc} (the 4-tuple),
 * and the generic TCP/UDP pair tests ({@code socket_ip_tcp_generic.cc}, {@code socket_ip_tcp_udp_generic.cc}).
 */
final class GvisorInetLoopback {
    private static final String LOOPBACK = "socket_inet_loopback.cc";
    private static final String ISOLATED = "socket_inet_loopback_isolated.cc";
    private static final String TCP_GENERIC = "socket_ip_tcp_generic.cc";
    private static final String TCP_UDP_GENERIC = "socket_ip_tcp_udp_generic.cc";
    /** Long enough for Linux's first SYN retransmit (1 s after the SYN), with room for a busy machine. */
    private static final int SYN_RETRANSMIT_MILLIS = 3_000;

    private GvisorInetLoopback() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.named("gvisor:TCPListenShutdown")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCPListenShutdown/V4Loopback")
                .asserts("shutdown(SHUT_WR) leaves a listener working; shutdown(SHUT_RD) stops it: accept() gives"
                        + " EINVAL, the port stays taken (EADDRINUSE) and connects are refused")
                .expect("""
                        shutdown(listener, SHUT_WR) = 0
                        connect 1 = 0
                        accept 1 = fd
                        connect 2 = 0
                        accept 2 = fd
                        shutdown(listener, SHUT_RD) = 0
                        accept = -1 EINVAL
                        bind a new socket to the listener's address = -1 EADDRINUSE
                        connect 3 = -1 ECONNREFUSED
                        connect 4 = -1 ECONNREFUSED
                        """)
                .body((s, o) -> {
                    int l = listener(s, 2);
                    SockAddr.In server = nameOf(s, l);
                    List<Integer> open = new ArrayList<>(List.of(l));
                    o.call("shutdown(listener, SHUT_WR)", () -> s.shutdown(l, ShutdownHow.SHUT_WR));
                    for (int i = 1; i <= 2; i++) {
                        int client = tcp(s);
                        o.call("connect " + i, () -> s.connect(client, server));
                        open.add(o.accept("accept " + i, s, l));
                        close(s, client);
                    }
                    o.call("shutdown(listener, SHUT_RD)", () -> s.shutdown(l, ShutdownHow.SHUT_RD));
                    int late = o.accept("accept", s, l);
                    int other = tcp(s);
                    o.call("bind a new socket to the listener's address", () -> s.bind(other, server));
                    for (int i = 3; i <= 4; i++) {
                        int client = tcp(s);
                        o.call("connect " + i, () -> s.connect(client, server));
                        close(s, client);
                    }
                    close(s, other, late);
                    for (int fd : open.reversed()) {
                        close(s, fd);
                    }
                }));

        all.add(Scenario.named("gvisor:TCPListenShutdownListen")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCPListenShutdownListen/V4Loopback")
                .asserts("a listener stopped with shutdown(SHUT_RD) can listen() again and accepts connections"
                        + " (on the port getsockname() gives after the second listen())")
                .expect("""
                        shutdown(listener, SHUT_RD) = 0
                        listen again = 0
                        listener name = 127.0.0.1:ephemeral
                        connect 1 = 0
                        connect 2 = 0
                        connect 3 = 0
                        accept 1 = fd
                        accept 2 = fd
                        accept 3 = fd
                        """)
                .body((s, o) -> {
                    int l = listener(s, 5);
                    o.call("shutdown(listener, SHUT_RD)", () -> s.shutdown(l, ShutdownHow.SHUT_RD));
                    o.call("listen again", () -> s.listen(l, 5));
                    o.name("listener name", () -> s.getsockname(l));
                    SockAddr.In server = nameOf(s, l);
                    List<Integer> open = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        int client = tcp(s);
                        open.add(client);
                        o.call("connect " + i, () -> s.connect(client, server));
                    }
                    for (int i = 1; i <= 3; i++) {
                        open.add(o.accept("accept " + i, s, l));
                    }
                    for (int fd : open) {
                        close(s, fd);
                    }
                    close(s, l);
                }));

        all.add(hangupDuringConnect("TCPListenShutdownDuringConnect", "shutdown(listener, SHUT_RD)",
                (s, l) -> s.shutdown(l, ShutdownHow.SHUT_RD)));
        all.add(hangupDuringConnect("TCPListenCloseDuringConnect", "close(listener)", Sockets::close));
        all.add(hangupConnectingRead("TCPListenShutdownConnectingRead", "shutdown(listener, SHUT_RD)",
                (s, l) -> s.shutdown(l, ShutdownHow.SHUT_RD)));
        all.add(hangupConnectingRead("TCPListenCloseConnectingRead", "close(listener)", Sockets::close));

        all.add(Scenario.named("gvisor:TCPNonBlockingConnectClose")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCPNonBlockingConnectClose/V4Loopback")
                .asserts("a client that closes right after a non-blocking connect() leaves a connection the"
                        + " listener still accepts, and it reads as closed")
                .expect("""
                        connect = -1 EINPROGRESS
                        close(client) = 0
                        accept = fd
                        accepted poll(POLLIN) -> [POLLIN]
                        accepted recv = 0
                        """)
                .needs(Capability.LISTEN_BACKLOG_ZERO)
                .body((s, o) -> {
                    int l = tcp(s);
                    s.setNonBlocking(l, true);
                    s.bind(l, SockAddr.loopback(0));
                    s.listen(l, 0);
                    int client = tcp(s);
                    s.setNonBlocking(client, true);
                    o.call("connect", () -> s.connect(client, nameOf(s, l)));
                    o.call("close(client)", () -> s.close(client));
                    poll(s, l, SOON_MILLIS, POLLIN);
                    int accepted = o.accept("accept", s, l);
                    o.poll("accepted poll(POLLIN)", poll(s, accepted, SOON_MILLIS, POLLIN));
                    o.count("accepted recv", () -> s.recv(accepted, new byte[8]));
                    close(s, accepted, l);
                }));

        all.add(Scenario.named("gvisor:LoopbackAddressRangeConnect")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.LoopbackAddressRangeConnect")
                .asserts("every address of 127.0.0.0/8 reaches a listener bound to 0.0.0.0")
                .expect("""
                        connect 127.0.0.1 = 0
                        accept = fd
                        accepted name = 127.0.0.1:ephemeral
                        connect 127.0.0.2 = 0
                        accept = fd
                        accepted name = 127.0.0.2:ephemeral
                        connect 127.0.1.1 = 0
                        accept = fd
                        accepted name = 127.0.1.1:ephemeral
                        connect 127.1.1.1 = 0
                        accept = fd
                        accepted name = 127.1.1.1:ephemeral
                        connect 127.254.255.255 = 0
                        accept = fd
                        accepted name = 127.254.255.255:ephemeral
                        """)
                .body((s, o) -> {
                    for (String address : List.of("127.0.0.1", "127.0.0.2", "127.0.1.1", "127.1.1.1",
                            "127.254.255.255")) {
                        int l = tcp(s);
                        s.bind(l, SockAddr.inet("0.0.0.0", 0));
                        s.listen(l, 8);
                        int client = tcp(s);
                        o.call("connect " + address, () -> s.connect(client, at(address, nameOf(s, l))));
                        int accepted = o.accept("accept", s, l);
                        if (accepted >= 0) {
                            o.name("accepted name", () -> s.getsockname(accepted));
                        }
                        close(s, accepted, client, l);
                    }
                }));

        all.add(Scenario.named("gvisor:TCP/V4Loopback-unbound-listener")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCP/ListenV4Any_ConnectV4Loopback")
                .asserts("listen() without bind() picks a port; a client connects to it on 127.0.0.1; both ends"
                        + " shut down")
                .expect("""
                        listen without bind = 0
                        listener name = 0.0.0.0:ephemeral
                        connect = 0
                        accept = fd
                        shutdown(listener, SHUT_RDWR) = 0
                        shutdown(client, SHUT_RDWR) = 0
                        """)
                .body((s, o) -> {
                    int l = tcp(s);
                    o.call("listen without bind", () -> s.listen(l, 8));
                    o.name("listener name", () -> s.getsockname(l));
                    int client = tcp(s);
                    o.call("connect", () -> s.connect(client, at("127.0.0.1", nameOf(s, l))));
                    int accepted = o.accept("accept", s, l);
                    o.call("shutdown(listener, SHUT_RDWR)", () -> s.shutdown(l, ShutdownHow.SHUT_RDWR));
                    o.call("shutdown(client, SHUT_RDWR)", () -> s.shutdown(client, ShutdownHow.SHUT_RDWR));
                    close(s, accepted, client, l);
                }));

        all.add(Scenario.named("gvisor:TCPListenUnbound/V6Loopback")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCPListenUnbound/ListenV6Loopback_ConnectV6Loopback")
                .asserts("an AF_INET6 client connects to a listener bound to [::1]; both names are ::1")
                .expect("""
                        connect = 0
                        client name = [::1]:ephemeral
                        client peer = [::1]:ephemeral
                        accept = fd
                        shutdown(listener, SHUT_RDWR) = 0
                        shutdown(client, SHUT_RDWR) = 0
                        """)
                .body((s, o) -> {
                    int l = tcp6(s);
                    s.bind(l, SockAddr.loopback6(0));
                    s.listen(l, 8);
                    int client = tcp6(s);
                    o.call("connect", () -> s.connect(client, name6Of(s, l)));
                    o.name("client name", () -> s.getsockname(client));
                    o.name("client peer", () -> s.getpeername(client));
                    int accepted = o.accept("accept", s, l);
                    o.call("shutdown(listener, SHUT_RDWR)", () -> s.shutdown(l, ShutdownHow.SHUT_RDWR));
                    o.call("shutdown(client, SHUT_RDWR)", () -> s.shutdown(client, ShutdownHow.SHUT_RDWR));
                    close(s, accepted, client, l);
                }));

        all.add(Scenario.named("gvisor:TCP/V6Any-V4Mapped")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCP/ListenV6Any_ConnectV4MappedLoopback")
                .asserts("a dual-stack listener on [::] accepts an AF_INET6 client that connects to"
                        + " ::ffff:127.0.0.1; the addresses are v4-mapped")
                .expect("""
                        listener name = [::]:ephemeral
                        connect [::ffff:127.0.0.1] = 0
                        client name = [::ffff:7f00:1]:ephemeral
                        client peer = [::ffff:7f00:1]:ephemeral
                        accept = fd
                        shutdown(listener, SHUT_RDWR) = 0
                        shutdown(client, SHUT_RDWR) = 0
                        """)
                .body((s, o) -> {
                    int l = tcp6(s);
                    s.listen(l, 8);
                    o.name("listener name", () -> s.getsockname(l));
                    int client = tcp6(s);
                    SockAddr.In6 target = mapped(SockAddr.loopback(name6Of(s, l).port()));
                    o.call("connect [::ffff:127.0.0.1]", () -> s.connect(client, target));
                    o.name("client name", () -> s.getsockname(client));
                    o.name("client peer", () -> s.getpeername(client));
                    int accepted = o.accept("accept", s, l);
                    o.call("shutdown(listener, SHUT_RDWR)", () -> s.shutdown(l, ShutdownHow.SHUT_RDWR));
                    o.call("shutdown(client, SHUT_RDWR)", () -> s.shutdown(client, ShutdownHow.SHUT_RDWR));
                    close(s, accepted, client, l);
                }));

        all.add(Scenario.named("gvisor:TCP/V6Any-V4Loopback")
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest.TCP/ListenV6Any_ConnectV4Loopback")
                .asserts("a dual-stack listener on [::] accepts an AF_INET client; the accepted socket sees it as"
                        + " ::ffff:127.0.0.1")
                .expect("""
                        connect 127.0.0.1 = 0
                        client name = 127.0.0.1:ephemeral
                        accept = fd
                        accepted peer = [::ffff:7f00:1]:ephemeral
                        shutdown(listener, SHUT_RDWR) = 0
                        shutdown(client, SHUT_RDWR) = 0
                        """)
                .body((s, o) -> {
                    int l = tcp6(s);
                    s.listen(l, 8);
                    int client = tcp(s);
                    o.call("connect 127.0.0.1", () -> s.connect(client, SockAddr.loopback(name6Of(s, l).port())));
                    o.name("client name", () -> s.getsockname(client));
                    int accepted = o.accept("accept", s, l);
                    if (accepted >= 0) {
                        o.name("accepted peer", () -> s.getpeername(accepted));
                    }
                    o.call("shutdown(listener, SHUT_RDWR)", () -> s.shutdown(l, ShutdownHow.SHUT_RDWR));
                    o.call("shutdown(client, SHUT_RDWR)", () -> s.shutdown(client, ShutdownHow.SHUT_RDWR));
                    close(s, accepted, client, l);
                }));

        for (boolean stream : new boolean[] {true, false}) {
            String kind = stream ? "TCP" : "UDP";
            all.add(Scenario.named("gvisor:DualStackAfMismatchTest.V6ListenerV4Connect/" + kind)
                    .from(GVISOR, LOOPBACK, "DualStackAfMismatchTest.V6ListenerV4Connect/" + kind)
                    .asserts("an AF_INET6 socket bound to ::1 cannot reach a v4-mapped address: ENETUNREACH")
                    .expect("""
                            bind [::1]:0 = 0
                            connect [::ffff:127.0.0.1] = -1 ENETUNREACH
                            """)
                    .body((s, o) -> {
                        SockAddr.In6 target = mapped(closedUdpPort(s)); // the source's port 0 plays no part
                        int fd = stream ? tcp6(s) : udp6(s);
                        o.call("bind [::1]:0", () -> s.bind(fd, SockAddr.loopback6(0)));
                        o.call("connect [::ffff:127.0.0.1]", () -> s.connect(fd, target));
                        s.close(fd);
                    }));
            all.add(Scenario.named("gvisor:DualStackAfMismatchTest.V4ListenerV6Connect/" + kind)
                    .from(GVISOR, LOOPBACK, "DualStackAfMismatchTest.V4ListenerV6Connect/" + kind)
                    .asserts("an AF_INET6 socket bound to a v4-mapped address cannot reach an IPv6 address:"
                            + " EAFNOSUPPORT")
                    .expect("""
                            bind [::ffff:127.0.0.1]:0 = 0
                            connect [::1] = -1 EAFNOSUPPORT
                            """)
                    .body((s, o) -> {
                        SockAddr.In6 target = SockAddr.loopback6(closedUdpPort(s).port());
                        int fd = stream ? tcp6(s) : udp6(s);
                        o.call("bind [::ffff:127.0.0.1]:0", () -> s.bind(fd, mapped(SockAddr.loopback(0))));
                        o.call("connect [::1]", () -> s.connect(fd, target));
                        s.close(fd);
                    }));
        }

        all.add(Scenario.named("gvisor:DualStackSocketTest.AddressOperations/V4Loopback")
                .from(GVISOR, LOOPBACK, "DualStackSocketTest.AddressOperations/V4LoopbackConnectBindSendTo")
                .asserts("an AF_INET6 UDP socket takes a sockaddr_in in connect() (v4-mapped names), refuses"
                        + " bind() once bound (EINVAL), and sends")
                .expect("""
                        connect 127.0.0.1 = 0
                        getsockname = [::ffff:7f00:1]:ephemeral
                        getpeername = [::ffff:7f00:1]:ephemeral
                        bind 127.0.0.1:0 = -1 EINVAL
                        sendto 127.0.0.1 = 6
                        """)
                .body((s, o) -> {
                    SockAddr.In target = closedUdpPort(s);
                    int fd = udp6(s);
                    o.call("connect 127.0.0.1", () -> s.connect(fd, target));
                    o.name("getsockname", () -> s.getsockname(fd));
                    o.name("getpeername", () -> s.getpeername(fd));
                    o.call("bind 127.0.0.1:0", () -> s.bind(fd, SockAddr.loopback(0)));
                    o.count("sendto 127.0.0.1", () -> s.sendto(fd, "hello\0".getBytes(), target));
                    s.close(fd);
                }));

        all.add(Scenario.named("gvisor:DualStackSocketTest.AddressOperations/V4MappedLoopback")
                .from(GVISOR, LOOPBACK, "DualStackSocketTest.AddressOperations/V4MappedLoopbackBindConnectSendTo")
                .asserts("an AF_INET6 UDP socket binds and connects to ::ffff:127.0.0.1; its names stay v4-mapped")
                .expect("""
                        bind [::ffff:127.0.0.1]:0 = 0
                        getsockname = [::ffff:7f00:1]:ephemeral
                        connect [::ffff:127.0.0.1] = 0
                        getsockname = [::ffff:7f00:1]:ephemeral
                        getpeername = [::ffff:7f00:1]:ephemeral
                        sendto [::ffff:127.0.0.1] = 6
                        """)
                .body((s, o) -> {
                    SockAddr.In6 target = mapped(closedUdpPort(s));
                    int fd = udp6(s);
                    o.call("bind [::ffff:127.0.0.1]:0", () -> s.bind(fd, mapped(SockAddr.loopback(0))));
                    o.name("getsockname", () -> s.getsockname(fd));
                    o.call("connect [::ffff:127.0.0.1]", () -> s.connect(fd, target));
                    o.name("getsockname", () -> s.getsockname(fd));
                    o.name("getpeername", () -> s.getpeername(fd));
                    o.count("sendto [::ffff:127.0.0.1]", () -> s.sendto(fd, "hello\0".getBytes(), target));
                    s.close(fd);
                }));

        all.add(Scenario.named("gvisor:DualStackSocketTest.AddressOperations/V6Loopback")
                .from(GVISOR, LOOPBACK, "DualStackSocketTest.AddressOperations/V6LoopbackSendToConnectBind")
                .asserts("sendto() binds an unbound AF_INET6 UDP socket to [::]; connect() then gives it ::1;"
                        + " a later bind() gives EINVAL")
                .expect("""
                        sendto [::1] = 6
                        getsockname = [::]:ephemeral
                        connect [::1] = 0
                        getsockname = [::1]:ephemeral
                        getpeername = [::1]:ephemeral
                        bind [::1]:0 = -1 EINVAL
                        """)
                .body((s, o) -> {
                    int probe = udp6(s);
                    s.bind(probe, SockAddr.loopback6(0));
                    SockAddr.In6 target = name6Of(s, probe);
                    s.close(probe);
                    int fd = udp6(s);
                    o.count("sendto [::1]", () -> s.sendto(fd, "hello\0".getBytes(), target));
                    o.name("getsockname", () -> s.getsockname(fd));
                    o.call("connect [::1]", () -> s.connect(fd, target));
                    o.name("getsockname", () -> s.getsockname(fd));
                    o.name("getpeername", () -> s.getpeername(fd));
                    o.call("bind [::1]:0", () -> s.bind(fd, SockAddr.loopback6(0)));
                    s.close(fd);
                }));

        all.add(Scenario.named("gvisor:TCPConnectionReuseAddrConflicts")
                .from(GVISOR, ISOLATED, "SocketInetLoopbackIsolatedTest.TCPConnectionReuseAddrConflicts/V4Loopback")
                .asserts("SO_REUSEADDR lets a second socket bind the first one's local address, but connecting it"
                        + " to the same destination (the same 4-tuple) gives EADDRNOTAVAIL")
                .expect("""
                        connect the first = 0
                        bind the second to the first one's address = 0
                        connect the second to the same destination = -1 EADDRNOTAVAIL
                        """)
                .body((s, o) -> {
                    int l = listener(s, 4096);
                    SockAddr.In server = nameOf(s, l);
                    int first = tcp(s);
                    s.setsockopt(first, SocketOption.SO_REUSEADDR, 1);
                    // Bound before it connects (gVisor lets connect() pick the port): a port connect() picks may
                    // be shared by any other connection on the machine to another destination, and one without
                    // SO_REUSEADDR would make the second bind() fail for a reason that is not this scenario's.
                    s.bind(first, SockAddr.loopback(0));
                    o.call("connect the first", () -> s.connect(first, server));
                    SockAddr local = s.getsockname(first);
                    int second = tcp(s);
                    s.setsockopt(second, SocketOption.SO_REUSEADDR, 1);
                    o.call("bind the second to the first one's address", () -> s.bind(second, local));
                    o.call("connect the second to the same destination", () -> s.connect(second, server));
                    close(s, second, first, l);
                }));

        all.add(Scenario.named("gvisor:TCPSocketPairTest.RSTSentOnCloseWithUnreadData")
                .from(GVISOR, TCP_GENERIC, "TCPSocketPairTest.RSTSentOnCloseWithUnreadData")
                .asserts("closing a socket with unread data sends RST: the peer reads ECONNRESET (and, once the"
                        + " error is taken, end of file)")
                .expect("""
                        send = 10
                        accepted poll(POLLIN) -> [POLLIN]
                        close(accepted) = 0
                        poll(POLLIN) -> [POLLIN, POLLERR, POLLHUP]
                        read = -1 ECONNRESET
                        read again = 0
                        """)
                .body((s, o) -> {
                    int l = listener(s, 8);
                    int client = tcp(s);
                    s.connect(client, nameOf(s, l));
                    int accepted = s.accept(l);
                    o.count("send", () -> s.send(client, new byte[10]));
                    o.poll("accepted poll(POLLIN)", poll(s, accepted, SOON_MILLIS, POLLIN));
                    o.call("close(accepted)", () -> s.close(accepted));
                    o.poll("poll(POLLIN)", poll(s, client, SOON_MILLIS, POLLIN));
                    s.setNonBlocking(client, true);
                    o.count("read", () -> s.recv(client, new byte[10]));
                    o.count("read again", () -> s.recv(client, new byte[10]));
                    close(s, client, l);
                }));

        all.add(Scenario.named("gvisor:TCPSocketPairTest.ResetWithSoLingerZeroTimeoutOption")
                .from(GVISOR, TCP_GENERIC, "TCPSocketPairTest.ResetWithSoLingerZeroTimeoutOption")
                .asserts("close() with SO_LINGER 0 resets the connection: the peer gets POLLHUP, write() gives"
                        + " ECONNRESET, and the data already received can still be read")
                .expect("""
                        SO_LINGER = -1
                        send = 10
                        setsockopt(SO_LINGER, 0) = 0
                        SO_LINGER = 0
                        accepted poll(POLLIN) -> [POLLIN]
                        close(client) = 0
                        accepted poll(POLLHUP) -> [POLLERR, POLLHUP]
                        accepted send = -1 ECONNRESET
                        accepted recv = 10
                        """)
                .body((s, o) -> {
                    int l = listener(s, 8);
                    int client = tcp(s);
                    s.connect(client, nameOf(s, l));
                    int accepted = s.accept(l);
                    o.value("SO_LINGER", s.getsockopt(client, SocketOption.SO_LINGER));
                    o.count("send", () -> s.send(client, new byte[10]));
                    o.call("setsockopt(SO_LINGER, 0)", () -> s.setsockopt(client, SocketOption.SO_LINGER, 0));
                    o.value("SO_LINGER", s.getsockopt(client, SocketOption.SO_LINGER));
                    o.poll("accepted poll(POLLIN)", poll(s, accepted, SOON_MILLIS, POLLIN));
                    o.call("close(client)", () -> s.close(client));
                    o.poll("accepted poll(POLLHUP)", poll(s, accepted, SOON_MILLIS, POLLHUP));
                    s.setNonBlocking(accepted, true);
                    o.count("accepted send", () -> s.send(accepted, new byte[10]));
                    o.count("accepted recv", () -> s.recv(accepted, new byte[10]));
                    close(s, accepted, l);
                }));

        all.add(Scenario.named("gvisor:TcpUdpSocketPairTest.ShutdownWrFollowedBySendIsError/TCP")
                .from(GVISOR, TCP_UDP_GENERIC, "TcpUdpSocketPairTest.ShutdownWrFollowedBySendIsError/TCP")
                .asserts("after shutdown(SHUT_WR), send() on a connected TCP socket gives EPIPE")
                .expect("""
                        shutdown(SHUT_WR) = 0
                        send = -1 EPIPE
                        """)
                .body((s, o) -> {
                    int l = listener(s, 8);
                    int client = tcp(s);
                    s.connect(client, nameOf(s, l));
                    int accepted = s.accept(l);
                    o.call("shutdown(SHUT_WR)", () -> s.shutdown(client, ShutdownHow.SHUT_WR));
                    o.count("send", () -> s.send(client, new byte[10]));
                    close(s, accepted, client, l);
                }));

        all.add(Scenario.named("gvisor:TcpUdpSocketPairTest.ShutdownWrFollowedBySendIsError/UDP")
                .from(GVISOR, TCP_UDP_GENERIC, "TcpUdpSocketPairTest.ShutdownWrFollowedBySendIsError/UDP")
                .asserts("after shutdown(SHUT_WR), send() on a connected UDP socket gives EPIPE too")
                .expect("""
                        connect = 0
                        shutdown(SHUT_WR) = 0
                        send = -1 EPIPE
                        """)
                .body((s, o) -> {
                    int a = boundUdp(s);
                    int b = boundUdp(s);
                    s.connect(b, nameOf(s, a));
                    o.call("connect", () -> s.connect(a, nameOf(s, b)));
                    o.call("shutdown(SHUT_WR)", () -> s.shutdown(a, ShutdownHow.SHUT_WR));
                    o.count("send", () -> s.send(a, new byte[10]));
                    close(s, b, a);
                }));
        return all;
    }

    /** What a listener's end does to a client: shutdown(SHUT_RD) or close(). */
    @FunctionalInterface
    private interface Hangup {
        void apply(Sockets s, int listener) throws dev.connectkit.posix.ErrnoException;
    }

    /**
     * gVisor's TestHangupDuringConnect: a client connects to a listen(fd, 0) listener and the listener hangs up
     * before accepting; the client is reset (POLLHUP | POLLERR).
     */
    private static Scenario hangupDuringConnect(String test, String hangup, Hangup how) {
        return Scenario.named("gvisor:" + test)
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest." + test + "/V4Loopback")
                .asserts(hangup + " before accept() resets the connecting client: poll() gives POLLHUP | POLLERR")
                .expect("""
                        connect = -1 EINPROGRESS
                        %s = 0
                        poll(no events) -> [POLLERR, POLLHUP]
                        """.formatted(hangup))
                .needs(Capability.LISTEN_BACKLOG_ZERO)
                .body((s, o) -> {
                    int l = listener(s, 0);
                    int client = tcp(s);
                    s.setNonBlocking(client, true);
                    o.call("connect", () -> s.connect(client, nameOf(s, l)));
                    o.call(hangup, () -> how.apply(s, l));
                    o.poll("poll(no events)", poll(s, client, SOON_MILLIS));
                    close(s, client);
                    if (s.openDescriptors().contains(l)) {
                        close(s, l);
                    }
                });
    }

    /**
     * gVisor's TestListenHangupConnectingRead: with listen(fd, 0), one client completes and the next stays in
     * SYN_SENT; when the listener hangs up, the first reads ECONNRESET and the second ECONNREFUSED.
     */
    private static Scenario hangupConnectingRead(String test, String hangup, Hangup how) {
        return Scenario.named("gvisor:" + test)
                .from(GVISOR, LOOPBACK, "SocketInetLoopbackTest." + test + "/V4Loopback")
                .asserts(hangup + ": the established client reads ECONNRESET, the still-connecting one"
                        + " ECONNREFUSED; both get POLLHUP | POLLERR")
                .expect("""
                        connect the first = -1 EINPROGRESS
                        first poll(POLLIN|POLLOUT) -> [POLLOUT]
                        listener poll(POLLIN) -> [POLLIN]
                        connect the second = -1 EINPROGRESS
                        %s = 0
                        first poll(no events) -> [POLLERR, POLLHUP]
                        first read = -1 ECONNRESET
                        second poll(no events) -> [POLLERR, POLLHUP]
                        second read = -1 ECONNREFUSED
                        """.formatted(hangup))
                .needs(Capability.LISTEN_BACKLOG_ZERO)
                .body((s, o) -> {
                    int l = listener(s, 0);
                    SockAddr.In server = nameOf(s, l);
                    int first = tcp(s);
                    s.setNonBlocking(first, true);
                    o.call("connect the first", () -> s.connect(first, server));
                    o.poll("first poll(POLLIN|POLLOUT)", poll(s, first, SOON_MILLIS, POLLIN, POLLOUT));
                    o.poll("listener poll(POLLIN)", poll(s, l, SOON_MILLIS, POLLIN));
                    int second = tcp(s);
                    s.setNonBlocking(second, true);
                    o.call("connect the second", () -> s.connect(second, server));
                    o.call(hangup, () -> how.apply(s, l));
                    o.poll("first poll(no events)", poll(s, first, SOON_MILLIS));
                    o.count("first read", () -> s.recv(first, new byte[1]));
                    // The second client's SYN was dropped (full queue): it learns of the hangup only when it
                    // retransmits, about 1 s later, and gets a RST; gVisor waits up to 2 s for it too.
                    o.poll("second poll(no events)", poll(s, second, SYN_RETRANSMIT_MILLIS));
                    o.count("second read", () -> s.recv(second, new byte[1]));
                    close(s, second, first);
                    if (s.openDescriptors().contains(l)) {
                        close(s, l);
                    }
                });
    }
}
