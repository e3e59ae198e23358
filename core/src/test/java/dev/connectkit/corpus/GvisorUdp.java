package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;

import java.util.ArrayList;
import java.util.List;

import static dev.connectkit.corpus.Peers.SOON_MILLIS;
import static dev.connectkit.corpus.Peers.boundUdp;
import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.closedUdpPort;
import static dev.connectkit.corpus.Peers.nameOf;
import static dev.connectkit.corpus.Peers.poll;
import static dev.connectkit.corpus.Peers.udp;
import static dev.connectkit.corpus.Peers.udp6;
import static dev.connectkit.corpus.Peers.waitReadable;
import static dev.connectkit.corpus.Suite.GVISOR;
import static dev.connectkit.posix.PollEvent.POLLERR;
import static dev.connectkit.posix.PollEvent.POLLIN;

/**
 * Scenarios from gVisor's {@code udp_socket.cc} (the IPv4 instance, unless the name says v6): connect() on a
 * connectionless socket sets, changes and resets a peer, binds implicitly, and filters what arrives.
 *
 * <p>As in the source, {@code bound} is a UDP socket on 127.0.0.1 with a kernel-chosen port and {@code sock} a
 * fresh one. Receives are non-blocking after waiting for the datagram, so a backend that lost it fails at once.
 */
final class GvisorUdp {
    private static final String FILE = "udp_socket.cc";
    private static final byte[] DATAGRAM = new byte[512];

    private GvisorUdp() {
    }

    private static Scenario.Builder udpTest(String test) {
        return Scenario.named("gvisor:UdpSocketTest." + test).from(GVISOR, FILE, "UdpSocketTest." + test + "/AF_INET");
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(udpTest("Getpeername")
                .asserts("getpeername() gives ENOTCONN until connect() sets the peer, then that address")
                .expect("""
                        getpeername = -1 ENOTCONN
                        connect = 0
                        getpeername = 127.0.0.1:ephemeral
                        the peer is the bound socket's address = true
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.name("getpeername", () -> s.getpeername(sock));
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    o.value("the peer is the bound socket's address", s.getpeername(sock).equals(s.getsockname(bound)));
                    close(s, sock, bound);
                }));

        all.add(udpTest("SendNotConnected")
                .asserts("send() without a peer gives EDESTADDRREQ; sendto() works and binds the socket")
                .expect("""
                        send = -1 EDESTADDRREQ
                        sendto = 512
                        getsockname = 0.0.0.0:ephemeral
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.count("send", () -> s.send(sock, DATAGRAM));
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    o.name("getsockname", () -> s.getsockname(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ConnectBinds")
                .asserts("connect() binds an unbound UDP socket: a port, and the address that reaches the peer")
                .expect("""
                        connect = 0
                        getsockname = 127.0.0.1:ephemeral
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.name("getsockname", () -> s.getsockname(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ConnectWriteToInvalidPort")
                .asserts("a datagram from a connected socket to a closed port brings back the ICMP error: POLLERR"
                        + " and SO_ERROR = ECONNREFUSED")
                .expect("""
                        connect = 0
                        sendto = 512
                        poll(POLLERR) -> [POLLERR]
                        SO_ERROR = ECONNREFUSED
                        """)
                .body((s, o) -> {
                    SockAddr.In closed = closedUdpPort(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, closed));
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, closed));
                    o.poll("poll(POLLERR)", poll(s, sock, SOON_MILLIS, POLLERR));
                    o.soError(s, sock);
                    close(s, sock);
                }));

        all.add(udpTest("ReceiveAfterConnect")
                .asserts("the peer a socket connected to receives what it sends")
                .expect("""
                        connect = 0
                        sendto = 512
                        recv on the peer = 512
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    waitReadable(s, bound);
                    s.setNonBlocking(bound, true);
                    o.count("recv on the peer", () -> s.recv(bound, new byte[512]));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ReceiveAfterDisconnect")
                .asserts("connect, receive from the peer, disconnect with AF_UNSPEC, twice: each reconnect binds"
                        + " and receives again")
                .expect("""
                        connect = 0
                        getsockname = 127.0.0.1:ephemeral
                        the peer sends = 512
                        recv = 512
                        connect AF_UNSPEC = 0
                        connect = 0
                        getsockname = 127.0.0.1:ephemeral
                        the peer sends = 512
                        recv = 512
                        connect AF_UNSPEC = 0
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    s.setNonBlocking(sock, true);
                    for (int i = 0; i < 2; i++) {
                        o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                        o.name("getsockname", () -> s.getsockname(sock));
                        o.count("the peer sends", () -> s.sendto(bound, DATAGRAM, s.getsockname(sock)));
                        waitReadable(s, sock);
                        o.count("recv", () -> s.recv(sock, new byte[512]));
                        o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    }
                    close(s, sock, bound);
                }));

        all.add(udpTest("Connect")
                .asserts("a connected UDP socket cannot bind() again (EINVAL) but can connect() to another peer")
                .expect("""
                        connect = 0
                        getpeername = 127.0.0.1:ephemeral
                        bind 0.0.0.0:0 = -1 EINVAL
                        connect to a second peer = 0
                        the peer is the second one = true
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int second = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    o.call("bind 0.0.0.0:0", () -> s.bind(sock, SockAddr.inet("0.0.0.0", 0)));
                    o.call("connect to a second peer", () -> s.connect(sock, nameOf(s, second)));
                    o.value("the peer is the second one", s.getpeername(sock).equals(s.getsockname(second)));
                    close(s, sock, second, bound);
                }));

        all.add(udpTest("ConnectAnyZero")
                .asserts("connect() to 0.0.0.0 port 0 succeeds but sets no peer: getpeername() gives ENOTCONN")
                .expect("""
                        connect 0.0.0.0:0 = 0
                        getpeername = -1 ENOTCONN
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("connect 0.0.0.0:0", () -> s.connect(sock, SockAddr.inet("0.0.0.0", 0)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock);
                }));

        all.add(udpTest("ConnectAnyWithPort")
                .asserts("connect() to 0.0.0.0 with a port succeeds and sets a peer (Linux reads 0.0.0.0 as this"
                        + " host)")
                .expect("""
                        connect 0.0.0.0:port = 0
                        getpeername = 127.0.0.1:ephemeral
                        """)
                .body((s, o) -> {
                    int any = udp(s);
                    s.bind(any, SockAddr.inet("0.0.0.0", 0));
                    int sock = udp(s);
                    o.call("connect 0.0.0.0:port", () -> s.connect(sock, nameOf(s, any)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock, any);
                }));

        all.add(udpTest("DisconnectAfterConnectAny")
                .asserts("AF_UNSPEC after a connect() to 0.0.0.0:0 leaves the socket on the any address")
                .expect("""
                        connect 0.0.0.0:0 = 0
                        getpeername = -1 ENOTCONN
                        connect AF_UNSPEC = 0
                        getsockname = 0.0.0.0:0
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("connect 0.0.0.0:0", () -> s.connect(sock, SockAddr.inet("0.0.0.0", 0)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(sock));
                    close(s, sock);
                }));

        all.add(udpTest("DisconnectAfterBind")
                .asserts("AF_UNSPEC keeps an address and port the socket bound explicitly, and drops the peer")
                .expect("""
                        bind 127.0.0.1:port = 0
                        connect = 0
                        connect AF_UNSPEC = 0
                        getsockname = 127.0.0.1:ephemeral
                        the bound address is kept = true
                        getpeername = -1 ENOTCONN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    SockAddr.In mine = closedUdpPort(s);
                    int sock = udp(s);
                    o.call("bind 127.0.0.1:port", () -> s.bind(sock, mine));
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(sock));
                    o.value("the bound address is kept", s.getsockname(sock).equals(mine));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("DisconnectAfterBindToUnspecAndConnect")
                .asserts("bind() with an AF_UNSPEC any-address is taken as AF_INET any; connect() then AF_UNSPEC"
                        + " releases the port it picked")
                .expect("""
                        bind AF_UNSPEC = 0
                        connect = 0
                        connect AF_UNSPEC = 0
                        getsockname = 0.0.0.0:0
                        getpeername = -1 ENOTCONN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("bind AF_UNSPEC", () -> s.bind(sock, SockAddr.unspec()));
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(sock));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("DisconnectAfterConnectWithoutBind")
                .asserts("AF_UNSPEC releases the address and port connect() bound implicitly")
                .expect("""
                        connect = 0
                        connect AF_UNSPEC = 0
                        getsockname = 0.0.0.0:0
                        getpeername = -1 ENOTCONN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(sock));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("BindToAnyConnnectToLocalhost")
                .asserts("a socket bound to 0.0.0.0 takes 127.0.0.1 as its address when it connects to localhost")
                .expect("""
                        connect 127.0.0.1 = 0
                        getsockname = 127.0.0.1:ephemeral
                        """)
                .body((s, o) -> {
                    SockAddr.In closed = closedUdpPort(s);
                    int any = udp(s);
                    s.bind(any, SockAddr.inet("0.0.0.0", 0));
                    o.call("connect 127.0.0.1", () -> s.connect(any, closed));
                    o.name("getsockname", () -> s.getsockname(any));
                    close(s, any);
                }));

        all.add(udpTest("DisconnectAfterBindToAny")
                .asserts("AF_UNSPEC on a socket bound to 0.0.0.0 with an explicit port goes back to that address"
                        + " and port")
                .expect("""
                        connect = 0
                        connect AF_UNSPEC = 0
                        getsockname = 0.0.0.0:ephemeral
                        the bound port is kept = true
                        getpeername = -1 ENOTCONN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    SockAddr.In any = SockAddr.inet("0.0.0.0", closedUdpPort(s).port());
                    int sock = udp(s);
                    s.bind(sock, any);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(sock));
                    o.value("the bound port is kept", s.getsockname(sock).equals(any));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock, bound);
                }));

        all.add(udpTest("Disconnect")
                .asserts("connect and AF_UNSPEC, twice, on a socket bound to 0.0.0.0 with a port: the peer comes"
                        + " and goes, the port stays")
                .expect("""
                        connect = 0
                        the peer is the bound socket = true
                        connect AF_UNSPEC = 0
                        getpeername = -1 ENOTCONN
                        the bound port is kept = true
                        connect = 0
                        the peer is the bound socket = true
                        connect AF_UNSPEC = 0
                        getpeername = -1 ENOTCONN
                        the bound port is kept = true
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    SockAddr.In any = SockAddr.inet("0.0.0.0", closedUdpPort(s).port());
                    int sock = udp(s);
                    s.bind(sock, any);
                    for (int i = 0; i < 2; i++) {
                        o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                        o.value("the peer is the bound socket", s.getpeername(sock).equals(s.getsockname(bound)));
                        o.call("connect AF_UNSPEC", () -> s.connect(sock, SockAddr.unspec()));
                        o.name("getpeername", () -> s.getpeername(sock));
                        o.value("the bound port is kept", nameOf(s, sock).port() == any.port());
                    }
                    close(s, sock, bound);
                }));

        all.add(udpTest("ConnectBadAddress")
                .asserts("an AF_INET address only sizeof(sa_family) long is refused with EINVAL")
                .expect("connect with addrlen 2 = -1 EINVAL")
                .needs(Capability.EXPLICIT_ADDRLEN, Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("connect with addrlen 2", () -> s.connect(sock, SockAddr.inet("0.0.0.0", 0), 2));
                    close(s, sock);
                }));

        all.add(udpTest("SendToAddressOtherThanConnected")
                .asserts("a connected UDP socket may still sendto() another address (ported with 127.0.0.1 where"
                        + " the source uses 0.0.0.0)")
                .expect("""
                        connect = 0
                        sendto another address = 512
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    SockAddr.In other = closedUdpPort(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.count("sendto another address", () -> s.sendto(sock, DATAGRAM, other));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ConnectAndSendNoReceiver")
                .asserts("once the peer is gone, every send() after an ICMP error gives ECONNREFUSED once, the"
                        + " next one succeeds")
                .expect("""
                        connect = 0
                        send = 512
                        poll(POLLERR) -> [POLLERR]
                        send = -1 ECONNREFUSED
                        send = 512
                        poll(POLLERR) -> [POLLERR]
                        send = -1 ECONNREFUSED
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    close(s, bound);
                    o.count("send", () -> s.send(sock, DATAGRAM));
                    o.poll("poll(POLLERR)", poll(s, sock, SOON_MILLIS, POLLERR));
                    o.count("send", () -> s.send(sock, DATAGRAM));
                    o.count("send", () -> s.send(sock, DATAGRAM));
                    o.poll("poll(POLLERR)", poll(s, sock, SOON_MILLIS, POLLERR));
                    o.count("send", () -> s.send(sock, DATAGRAM));
                    close(s, sock);
                }));

        all.add(udpTest("ReceiveFromNotConnected")
                .asserts("a socket connected to itself drops a datagram from another sender")
                .expect("""
                        connect the receiver to itself = 0
                        sendto the receiver = 512
                        recv = -1 EAGAIN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = boundUdp(s);
                    o.call("connect the receiver to itself", () -> s.connect(bound, nameOf(s, bound)));
                    o.count("sendto the receiver", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    s.setNonBlocking(bound, true);
                    o.count("recv", () -> s.recv(bound, new byte[512]));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ReceiveBeforeConnect")
                .asserts("a datagram queued before connect() is still received after it; later ones from other"
                        + " senders are dropped")
                .expect("""
                        sendto = 512
                        poll(POLLIN) -> [POLLIN]
                        connect the receiver to itself = 0
                        recv = 512
                        sendto = 512
                        recv = -1 EAGAIN
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = boundUdp(s);
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    o.poll("poll(POLLIN)", poll(s, bound, SOON_MILLIS, POLLIN));
                    o.call("connect the receiver to itself", () -> s.connect(bound, nameOf(s, bound)));
                    s.setNonBlocking(bound, true);
                    o.count("recv", () -> s.recv(bound, new byte[512]));
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    o.count("recv", () -> s.recv(bound, new byte[512]));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ReceiveFrom")
                .asserts("recvfrom() on a connected socket names the peer that sent")
                .expect("""
                        connect = 0
                        sendto = 512
                        recvfrom = 512
                        recvfrom: from = 127.0.0.1:ephemeral
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = boundUdp(s);
                    o.call("connect", () -> s.connect(bound, nameOf(s, sock)));
                    o.count("sendto", () -> s.sendto(sock, DATAGRAM, nameOf(s, bound)));
                    waitReadable(s, bound);
                    s.setNonBlocking(bound, true);
                    o.recvfrom("recvfrom", s, bound);
                    close(s, sock, bound);
                }));

        all.add(udpTest("Listen")
                .asserts("listen() on a UDP socket gives EOPNOTSUPP: only connection-mode sockets listen")
                .expect("listen = -1 EOPNOTSUPP")
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("listen", () -> s.listen(sock, 8));
                    close(s, sock);
                }));

        all.add(udpTest("Accept")
                .asserts("accept() on a UDP socket gives EOPNOTSUPP")
                .expect("accept = -1 EOPNOTSUPP")
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("accept", () -> s.close(s.accept(sock)));
                    close(s, sock);
                }));

        all.add(udpTest("ReadShutdown")
                .asserts("shutdown(SHUT_RD) needs a peer (ENOTCONN before connect()); after it, recv() gives 0")
                .expect("""
                        recv = -1 EAGAIN
                        shutdown(SHUT_RD) = -1 ENOTCONN
                        recv = -1 EAGAIN
                        connect = 0
                        recv = -1 EAGAIN
                        shutdown(SHUT_RD) = 0
                        recv, blocking = 0
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    s.setNonBlocking(sock, true);
                    o.count("recv", () -> s.recv(sock, new byte[512]));
                    o.call("shutdown(SHUT_RD)", () -> s.shutdown(sock, ShutdownHow.SHUT_RD));
                    o.count("recv", () -> s.recv(sock, new byte[512]));
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.count("recv", () -> s.recv(sock, new byte[512]));
                    o.call("shutdown(SHUT_RD)", () -> s.shutdown(sock, ShutdownHow.SHUT_RD));
                    // Blocking, as in the source: a non-blocking recv() gives EAGAIN here, a blocking one 0.
                    s.setNonBlocking(sock, false);
                    o.recvNow("recv, blocking", s, sock);
                    close(s, sock, bound);
                }));

        all.add(udpTest("WriteShutdown")
                .asserts("shutdown(SHUT_WR) gives ENOTCONN without a peer and succeeds with one")
                .expect("""
                        shutdown(SHUT_WR) = -1 ENOTCONN
                        connect = 0
                        shutdown(SHUT_WR) = 0
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("shutdown(SHUT_WR)", () -> s.shutdown(sock, ShutdownHow.SHUT_WR));
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("shutdown(SHUT_WR)", () -> s.shutdown(sock, ShutdownHow.SHUT_WR));
                    close(s, sock, bound);
                }));

        all.add(udpTest("ReadShutdownOnBoundSocket")
                .asserts("a bound but unconnected UDP socket cannot be shut down in any direction: ENOTCONN")
                .expect("""
                        shutdown(SHUT_RD) = -1 ENOTCONN
                        shutdown(SHUT_WR) = -1 ENOTCONN
                        shutdown(SHUT_RDWR) = -1 ENOTCONN
                        """)
                .body((s, o) -> {
                    int sock = boundUdp(s);
                    for (ShutdownHow how : ShutdownHow.values()) {
                        o.call("shutdown(" + how + ")", () -> s.shutdown(sock, how));
                    }
                    close(s, sock);
                }));

        all.add(udpTest("ReconnectDoesNotClearReadShutdown")
                .asserts("connecting again does not undo shutdown(SHUT_RD): recv() still gives 0")
                .expect("""
                        connect = 0
                        shutdown(SHUT_RD) = 0
                        recv = 0
                        connect again = 0
                        recv = 0
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.call("shutdown(SHUT_RD)", () -> s.shutdown(sock, ShutdownHow.SHUT_RD));
                    o.recvNow("recv", s, sock);
                    o.call("connect again", () -> s.connect(sock, nameOf(s, bound)));
                    o.recvNow("recv", s, sock);
                    close(s, sock, bound);
                }));

        all.add(udpTest("ReconnectDoesNotClearWriteShutdown")
                .asserts("after shutdown(SHUT_WR) send() gives EPIPE, and connecting again does not clear it")
                .expect("""
                        connect = 0
                        send = 1
                        shutdown(SHUT_WR) = 0
                        send = -1 EPIPE
                        connect again = 0
                        send = -1 EPIPE
                        """)
                .body((s, o) -> {
                    int bound = boundUdp(s);
                    int sock = udp(s);
                    o.call("connect", () -> s.connect(sock, nameOf(s, bound)));
                    o.count("send", () -> s.send(sock, new byte[] {'A'}));
                    o.call("shutdown(SHUT_WR)", () -> s.shutdown(sock, ShutdownHow.SHUT_WR));
                    o.count("send", () -> s.send(sock, new byte[] {'A'}));
                    o.call("connect again", () -> s.connect(sock, nameOf(s, bound)));
                    o.count("send", () -> s.send(sock, new byte[] {'A'}));
                    close(s, sock, bound);
                }));

        all.add(udpTest("SendToZeroPort")
                .asserts("sendto() port 0 gives EINVAL (unlike connect() to port 0); another port works")
                .expect("""
                        sendto 127.0.0.1:0 = -1 EINVAL
                        sendto 127.0.0.1:port = 8
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    SockAddr.In closed = closedUdpPort(s);
                    int sock = udp(s);
                    o.count("sendto 127.0.0.1:0", () -> s.sendto(sock, new byte[8], SockAddr.loopback(0)));
                    o.count("sendto 127.0.0.1:port", () -> s.sendto(sock, new byte[8], closed));
                    close(s, sock);
                }));

        all.add(udpTest("ConnectToZeroPortUnbound")
                .asserts("connect() to port 0 succeeds on an unbound socket (and sets no peer)")
                .expect("""
                        connect 127.0.0.1:0 = 0
                        getpeername = -1 ENOTCONN
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = udp(s);
                    o.call("connect 127.0.0.1:0", () -> s.connect(sock, SockAddr.loopback(0)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock);
                }));

        all.add(udpTest("ConnectToZeroPortBound")
                .asserts("connect() to port 0 succeeds on a bound socket, whose name stays")
                .expect("""
                        connect 127.0.0.1:0 = 0
                        getsockname = 127.0.0.1:ephemeral
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = boundUdp(s);
                    o.call("connect 127.0.0.1:0", () -> s.connect(sock, SockAddr.loopback(0)));
                    o.name("getsockname", () -> s.getsockname(sock));
                    close(s, sock);
                }));

        all.add(udpTest("ConnectToZeroPortConnected")
                .asserts("connect() to port 0 on a connected socket removes the peer: getpeername() gives"
                        + " ENOTCONN")
                .expect("""
                        connect to its own address = 0
                        the peer is its own address = true
                        connect 127.0.0.1:0 = 0
                        getpeername = -1 ENOTCONN
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = boundUdp(s);
                    o.call("connect to its own address", () -> s.connect(sock, nameOf(s, sock)));
                    o.value("the peer is its own address", s.getpeername(sock).equals(s.getsockname(sock)));
                    o.call("connect 127.0.0.1:0", () -> s.connect(sock, SockAddr.loopback(0)));
                    o.name("getpeername", () -> s.getpeername(sock));
                    close(s, sock);
                }));

        all.add(Scenario.named("gvisor:UdpInet6SocketTest.ConnectInet4Sockaddr")
                .from(GVISOR, FILE, "UdpInet6SocketTest.ConnectInet4Sockaddr")
                .asserts("an AF_INET6 UDP socket accepts a sockaddr_in (glibc's getaddrinfo relies on it) and is"
                        + " then bound to a v4-mapped address")
                .expect("""
                        connect 127.0.0.1:0 = 0
                        getsockname = [::ffff:7f00:1]:ephemeral
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int sock = udp6(s);
                    o.call("connect 127.0.0.1:0", () -> s.connect(sock, SockAddr.loopback(0)));
                    o.name("getsockname", () -> s.getsockname(sock));
                    close(s, sock);
                }));
        return all;
    }
}
