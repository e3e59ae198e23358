package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.testing.Outcome;

import java.util.ArrayList;
import java.util.List;

import static dev.connectkit.corpus.Peers.SOON_MILLIS;
import static dev.connectkit.corpus.Peers.at;
import static dev.connectkit.corpus.Peers.boundUdp;
import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.closedTcpPort;
import static dev.connectkit.corpus.Peers.closedUdpPort;
import static dev.connectkit.corpus.Peers.listener;
import static dev.connectkit.corpus.Peers.nameOf;
import static dev.connectkit.corpus.Peers.poll;
import static dev.connectkit.corpus.Peers.tcp;
import static dev.connectkit.corpus.Peers.udp;
import static dev.connectkit.corpus.Peers.udp6;
import static dev.connectkit.corpus.Peers.unixListener;
import static dev.connectkit.corpus.Peers.unixStream;
import static dev.connectkit.corpus.Suite.OPENJDK;
import static dev.connectkit.posix.PollEvent.POLLIN;
import static dev.connectkit.posix.PollEvent.POLLOUT;

/**
 * Scenarios from OpenJDK's channel tests ({@code SocketChannel/}, {@code DatagramChannel/}, {@code unixdomain/}).
 * Those tests assert Java outcomes; each port writes the system calls the channel makes underneath and expects
 * what Linux answers to them, which is sometimes not what Java then shows (the sentence says so).
 */
final class OpenJdk {
    private static final Outcome ZERO = Outcome.success();
    private static final Outcome EALREADY = Outcome.failed(Errno.EALREADY);

    private OpenJdk() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.named("jdk:ConnectState/read-unconnected")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "Read unconnected")
                .asserts("reading a channel that never connected throws NotYetConnectedException: read() on the"
                        + " socket gives ENOTCONN")
                .expect("recv = -1 ENOTCONN")
                .body((s, o) -> {
                    int fd = tcp(s);
                    o.count("recv", () -> s.recv(fd, new byte[16]));
                    close(s, fd);
                }));

        all.add(Scenario.named("jdk:ConnectState/double-connect")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "Double connect")
                .asserts("a second connect() throws AlreadyConnectedException: EISCONN")
                .expect("""
                        connect = 0
                        connect again = -1 EISCONN
                        """)
                .body((s, o) -> {
                    int l = listener(s, 500);
                    SockAddr.In server = nameOf(s, l);
                    int fd = tcp(s);
                    o.call("connect", () -> s.connect(fd, server));
                    o.call("connect again", () -> s.connect(fd, server));
                    close(s, fd, l);
                }));

        all.add(Scenario.named("jdk:ConnectState/finish-without-start")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "Finish w/o start")
                .asserts("finishConnect() without connect() throws NoConnectionPendingException; underneath, a"
                        + " fresh socket polls writable and hung up, with no error pending")
                .expect("""
                        SO_ERROR = 0
                        poll(POLLOUT, 0) -> [POLLOUT, POLLHUP]
                        """)
                .body((s, o) -> {
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.soError(s, fd);
                    o.poll("poll(POLLOUT, 0)", poll(s, fd, 0, POLLOUT));
                    close(s, fd);
                }));

        all.add(Scenario.named("jdk:ConnectState/NB-double-connect")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "NB double connect")
                .asserts("a second non-blocking connect() throws ConnectionPendingException or, if the handshake"
                        + " already finished, AlreadyConnectedException: the second connect() gives EALREADY or 0"
                        + " (on loopback the handshake is usually done), the third EISCONN")
                .expect("""
                        connect = -1 EINPROGRESS
                        connect again = 0 or -1 EALREADY
                        poll(POLLOUT) -> [POLLOUT]
                        connect a third time = 0 or -1 EISCONN
                        """)
                .body((s, o) -> {
                    int l = listener(s, 500);
                    SockAddr.In server = nameOf(s, l);
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.call("connect", () -> s.connect(fd, server));
                    o.callEither("connect again", () -> s.connect(fd, server), ZERO, EALREADY);
                    o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                    o.callEither("connect a third time", () -> s.connect(fd, server), ZERO,
                            Outcome.failed(Errno.EISCONN));
                    close(s, fd, l);
                }));

        all.add(Scenario.named("jdk:ConnectState/NB-double-connect-pending")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "NB double connect")
                .asserts("the same, pinned to the ConnectionPendingException branch by a listener whose queue is"
                        + " full: the second connect() gives EALREADY, whatever the address")
                .expect("""
                        connect = -1 EINPROGRESS
                        connect again = -1 EALREADY
                        connect elsewhere = -1 EALREADY
                        poll(POLLOUT, 0) -> []
                        getpeername = -1 ENOTCONN
                        """)
                .needs(Capability.LISTEN_BACKLOG_ZERO)
                .body((s, o) -> {
                    int l = listener(s, 0);
                    SockAddr.In server = nameOf(s, l);
                    int filler = tcp(s);
                    s.connect(filler, server);
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.call("connect", () -> s.connect(fd, server));
                    o.call("connect again", () -> s.connect(fd, server));
                    o.call("connect elsewhere", () -> s.connect(fd, closedTcpPort(s)));
                    o.poll("poll(POLLOUT, 0)", poll(s, fd, 0, POLLOUT));
                    o.name("getpeername", () -> s.getpeername(fd));
                    close(s, fd, filler, l);
                }));

        all.add(Scenario.named("jdk:ConnectState/NB-connect-B-finish")
                .from(OPENJDK, "SocketChannel/ConnectState.java", "NB connect, B finish")
                .asserts("a non-blocking connect() finished in blocking mode ends connected: POLLOUT, SO_ERROR = 0,"
                        + " a peer name")
                .expect("""
                        connect = -1 EINPROGRESS
                        poll(POLLOUT) -> [POLLOUT]
                        SO_ERROR = 0
                        getpeername = 127.0.0.1:ephemeral
                        """)
                .body((s, o) -> {
                    int l = listener(s, 500);
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.call("connect", () -> s.connect(fd, nameOf(s, l)));
                    s.setNonBlocking(fd, false);
                    o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                    o.soError(s, fd);
                    o.name("getpeername", () -> s.getpeername(fd));
                    close(s, fd, l);
                }));

        all.add(Scenario.named("jdk:FinishConnect")
                .from(OPENJDK, "SocketChannel/FinishConnect.java", "test1")
                .asserts("connect() again right after a non-blocking connect() is refused (ConnectionPending or"
                        + " AlreadyConnected); once finished, the channel reads the server's daytime line")
                .expect("""
                        connect = -1 EINPROGRESS
                        connect again = 0 or -1 EALREADY
                        poll(POLLOUT) -> [POLLOUT]
                        SO_ERROR = 0
                        accept = fd
                        the server sends = 26
                        recv = 26
                        """)
                .body((s, o) -> {
                    int l = listener(s, 100);
                    SockAddr.In server = nameOf(s, l);
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.call("connect", () -> s.connect(fd, server));
                    o.callEither("connect again", () -> s.connect(fd, server), ZERO, EALREADY);
                    o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                    o.soError(s, fd);
                    int accepted = o.accept("accept", s, l);
                    if (accepted >= 0) {
                        o.count("the server sends", () -> s.send(accepted, "Tue Nov 24 00:00:00 2026\r\n".getBytes()));
                    }
                    o.recvNow("recv", s, fd);
                    close(s, accepted, fd, l);
                }));

        all.add(Scenario.named("jdk:ConnectionRefusedMessage")
                .from(OPENJDK, "SocketChannel/ConnectionRefusedMessage.java", "testFinishConnect (8376290)")
                .asserts("finishConnect() after a refused non-blocking connect() throws ConnectException"
                        + " \"Connection refused\": the socket polls writable with POLLERR, SO_ERROR = ECONNREFUSED")
                .expect("""
                        connect = -1 EINPROGRESS
                        poll(POLLOUT) -> [POLLOUT, POLLERR, POLLHUP]
                        SO_ERROR = ECONNREFUSED
                        """)
                .body((s, o) -> {
                    SockAddr.In nobody = closedTcpPort(s);
                    int fd = tcp(s);
                    s.setNonBlocking(fd, true);
                    o.call("connect", () -> s.connect(fd, nobody));
                    o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                    o.soError(s, fd);
                    close(s, fd);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.ConnectPortZero")
                .from(OPENJDK, "DatagramChannel/ConnectPortZero.java", "testChannelConnect (8240533)")
                .asserts("Java refuses to connect a DatagramChannel to port 0 (SocketException); the system call"
                        + " itself succeeds and sets no peer, on IPv4 and IPv6")
                .expect("""
                        connect 127.0.0.1:0 = 0
                        getpeername = -1 ENOTCONN
                        connect [::1]:0 = 0
                        getpeername = -1 ENOTCONN
                        """)
                .needs(Capability.PORT_ZERO_DESTINATION)
                .body((s, o) -> {
                    int v4 = udp(s);
                    o.call("connect 127.0.0.1:0", () -> s.connect(v4, SockAddr.loopback(0)));
                    o.name("getpeername", () -> s.getpeername(v4));
                    int v6 = udp6(s);
                    o.call("connect [::1]:0", () -> s.connect(v6, SockAddr.loopback6(0)));
                    o.name("getpeername", () -> s.getpeername(v6));
                    close(s, v6, v4);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.AddressesAfterDisconnect")
                .from(OPENJDK, "DatagramChannel/AddressesAfterDisconnect.java", "execute (INET)")
                .asserts("Java keeps the local address across connect() and disconnect(), twice; underneath,"
                        + " AF_UNSPEC releases the kernel-chosen port (127.0.0.1:0) and Java binds it again")
                .expect("""
                        getsockname = 127.0.0.1:ephemeral
                        connect = 0
                        the local address is unchanged = true
                        getpeername = 127.0.0.1:ephemeral
                        connect AF_UNSPEC = 0
                        getsockname = 127.0.0.1:0
                        getpeername = -1 ENOTCONN
                        connect = 0
                        getsockname = 127.0.0.1:ephemeral
                        connect AF_UNSPEC = 0
                        getsockname = 127.0.0.1:0
                        """)
                .body((s, o) -> {
                    int dc = boundUdp(s);
                    SockAddr local = s.getsockname(dc);
                    int server = boundUdp(s);
                    o.name("getsockname", () -> s.getsockname(dc));
                    o.call("connect", () -> s.connect(dc, nameOf(s, server)));
                    o.value("the local address is unchanged", s.getsockname(dc).equals(local));
                    o.name("getpeername", () -> s.getpeername(dc));
                    o.call("connect AF_UNSPEC", () -> s.connect(dc, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(dc));
                    o.name("getpeername", () -> s.getpeername(dc));
                    o.call("connect", () -> s.connect(dc, nameOf(s, server)));
                    o.name("getsockname", () -> s.getsockname(dc));
                    o.call("connect AF_UNSPEC", () -> s.connect(dc, SockAddr.unspec()));
                    o.name("getsockname", () -> s.getsockname(dc));
                    close(s, server, dc);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.Disconnect")
                .from(OPENJDK, "DatagramChannel/Disconnect.java", "test (7132924)")
                .asserts("after disconnect() a write throws NotYetConnectedException, every time: send() gives"
                        + " EDESTADDRREQ")
                .expect("""
                        connect = 0
                        send = 1
                        connect AF_UNSPEC = 0
                        send = -1 EDESTADDRREQ
                        send = -1 EDESTADDRREQ
                        """)
                .body((s, o) -> {
                    int server = boundUdp(s);
                    int dc = udp(s);
                    o.call("connect", () -> s.connect(dc, nameOf(s, server)));
                    o.count("send", () -> s.send(dc, new byte[1]));
                    o.call("connect AF_UNSPEC", () -> s.connect(dc, SockAddr.unspec()));
                    o.count("send", () -> s.send(dc, new byte[1]));
                    o.count("send", () -> s.send(dc, new byte[1]));
                    close(s, dc, server);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.NotBound")
                .from(OPENJDK, "DatagramChannel/NotBound.java", "test (4512723)")
                .asserts("connect() and send() bind an unbound channel; Java's receive() binds it too, but a"
                        + " recv() system call does not")
                .expect("""
                        connect = 0
                        getsockname after connect = 127.0.0.1:ephemeral
                        sendto = 1
                        getsockname after sendto = 0.0.0.0:ephemeral
                        recv = -1 EAGAIN
                        getsockname after recv = 0.0.0.0:0
                        """)
                .body((s, o) -> {
                    int server = boundUdp(s);
                    int a = udp(s);
                    o.call("connect", () -> s.connect(a, nameOf(s, server)));
                    o.name("getsockname after connect", () -> s.getsockname(a));
                    int b = udp(s);
                    o.count("sendto", () -> s.sendto(b, new byte[1], nameOf(s, server)));
                    o.name("getsockname after sendto", () -> s.getsockname(b));
                    int c = udp(s);
                    s.setNonBlocking(c, true);
                    o.count("recv", () -> s.recv(c, new byte[1]));
                    o.name("getsockname after recv", () -> s.getsockname(c));
                    close(s, c, b, a, server);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.SelectWhenRefused")
                .from(OPENJDK, "DatagramChannel/SelectWhenRefused.java", "test (6935563, 7044870)")
                .asserts("an ICMP port unreachable reaches only a connected socket (PortUnreachableException);"
                        + " unconnected, before and after, nothing is reported (the port checks with a datagram"
                        + " to itself that arrives instead of an error)")
                .expect("""
                        sendto the closed port = 33
                        sendto itself = 33
                        poll(POLLIN) -> [POLLIN]
                        recv = 33
                        connect the closed port = 0
                        send = 33
                        poll(POLLIN) -> [POLLERR]
                        recv = -1 ECONNREFUSED
                        connect AF_UNSPEC = 0
                        sendto the closed port = 33
                        sendto itself = 33
                        poll(POLLIN) -> [POLLIN]
                        recv = 33
                        """)
                .body((s, o) -> {
                    byte[] greeting = "Greetings from SelectWhenRefused!".getBytes();
                    SockAddr.In refuser = closedUdpPort(s);
                    int dc = udp(s);
                    s.bind(dc, SockAddr.inet("0.0.0.0", 0));
                    s.setNonBlocking(dc, true);
                    for (int round = 0; round < 2; round++) {
                        if (round == 1) {
                            o.call("connect the closed port", () -> s.connect(dc, refuser));
                            o.count("send", () -> s.send(dc, greeting));
                            o.poll("poll(POLLIN)", poll(s, dc, SOON_MILLIS, POLLIN));
                            o.count("recv", () -> s.recv(dc, new byte[64]));
                            o.call("connect AF_UNSPEC", () -> s.connect(dc, SockAddr.unspec()));
                        }
                        o.count("sendto the closed port", () -> s.sendto(dc, greeting, refuser));
                        o.count("sendto itself", () -> s.sendto(dc, greeting, at("127.0.0.1", nameOf(s, dc))));
                        o.poll("poll(POLLIN)", poll(s, dc, SOON_MILLIS, POLLIN));
                        o.count("recv", () -> s.recv(dc, new byte[64]));
                    }
                    close(s, dc);
                }));

        all.add(Scenario.named("jdk:DatagramChannel.ConnectExceptions/UnsupportedAddressType")
                .from(OPENJDK, "DatagramChannel/ConnectExceptions.java", "unsupportedAddressTypeException (8198753)")
                .asserts("connecting a UDP channel to an address of another type throws"
                        + " UnsupportedAddressTypeException; the system call gives EAFNOSUPPORT")
                .expect("connect an AF_INET UDP socket to an AF_UNIX path = -1 EAFNOSUPPORT")
                .body((s, o) -> {
                    int dc = udp(s);
                    o.call("connect an AF_INET UDP socket to an AF_UNIX path",
                            () -> s.connect(dc, SockAddr.unix(o.path("x.sock"))));
                    close(s, dc);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/implicit-bind")
                .from(OPENJDK, "unixdomain/Bind.java", "client implicit bind and connect (8245194)")
                .asserts("an AF_UNIX client that never bound is unnamed after connect(); the server keeps its"
                        + " path")
                .expect("""
                        connect = 0
                        client getsockname = unix:(unnamed)
                        server getsockname = unix:$DIR/server.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.name("client getsockname", () -> s.getsockname(client));
                    o.name("server getsockname", () -> s.getsockname(server));
                    close(s, client, server);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/explicit-bind")
                .from(OPENJDK, "unixdomain/Bind.java", "client explicit bind and connect (check all addresses)")
                .asserts("with a bound client, all four names are paths: client and accepted socket see each"
                        + " other's")
                .expect("""
                        bind the client = 0
                        connect = 0
                        accept = fd
                        client getsockname = unix:$DIR/client.sock
                        client getpeername = unix:$DIR/server.sock
                        accepted getsockname = unix:$DIR/server.sock
                        accepted getpeername = unix:$DIR/client.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("bind the client", () -> s.bind(client, SockAddr.unix(o.path("client.sock"))));
                    o.call("connect", () -> s.connect(client, path));
                    int accepted = o.accept("accept", s, server);
                    o.name("client getsockname", () -> s.getsockname(client));
                    o.name("client getpeername", () -> s.getpeername(client));
                    if (accepted >= 0) {
                        o.name("accepted getsockname", () -> s.getsockname(accepted));
                        o.name("accepted getpeername", () -> s.getpeername(accepted));
                    }
                    close(s, accepted, client, server);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/bind-existing-file")
                .from(OPENJDK, "unixdomain/Bind.java", "server bind to existing name: not allowed")
                .asserts("bind() to a path where a regular file exists throws BindException: EADDRINUSE")
                .expect("bind to an existing file = -1 EADDRINUSE")
                .body((s, o) -> {
                    o.workspace().regularFile("moo.sock");
                    int server = unixStream(s);
                    o.call("bind to an existing file", () -> s.bind(server, SockAddr.unix(o.path("moo.sock"))));
                    close(s, server);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/double-bind")
                .from(OPENJDK, "unixdomain/Bind.java", "client multiple bind to different addresses: not allowed")
                .asserts("a second bind() throws AlreadyBoundException: EINVAL")
                .expect("""
                        bind = 0
                        bind again, elsewhere = -1 EINVAL
                        """)
                .body((s, o) -> {
                    int client = unixStream(s);
                    o.call("bind", () -> s.bind(client, SockAddr.unix(o.path("client.sock"))));
                    o.call("bind again, elsewhere", () -> s.bind(client, SockAddr.unix(o.path("server.sock"))));
                    close(s, client);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/space-in-name")
                .from(OPENJDK, "unixdomain/Bind.java", "address with space should work")
                .asserts("a path with a space works like any other")
                .expect("""
                        connect = 0
                        client getpeername = unix:$DIR/with space
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("with space"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.name("client getpeername", () -> s.getpeername(client));
                    close(s, client, server);
                }));

        all.add(Scenario.named("jdk:unixdomain.Bind/near-max-length")
                .from(OPENJDK, "unixdomain/Bind.java", "bind and connect to name of close to max size")
                .asserts("a 100-byte path (sun_path holds 108 with its NUL) binds and connects")
                .expect("""
                        bind = 0
                        connect = 0
                        the client's peer is the 100-byte path = true
                        """)
                .body((s, o) -> {
                    String name = "x".repeat(100 - o.workspace().prefixLength());
                    SockAddr.Un path = SockAddr.unix(o.path(name));
                    int server = unixStream(s);
                    o.call("bind", () -> s.bind(server, path));
                    s.listen(server, 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.value("the client's peer is the 100-byte path", s.getpeername(client).equals(path));
                    close(s, client, server);
                }));
        return all;
    }
}
