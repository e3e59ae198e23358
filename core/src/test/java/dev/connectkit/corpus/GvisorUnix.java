package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.SockAddr;

import java.util.ArrayList;
import java.util.List;

import static dev.connectkit.corpus.Peers.SOON_MILLIS;
import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.poll;
import static dev.connectkit.corpus.Peers.unixDatagram;
import static dev.connectkit.corpus.Peers.unixListener;
import static dev.connectkit.corpus.Peers.unixStream;
import static dev.connectkit.corpus.Peers.waitReadable;
import static dev.connectkit.corpus.Suite.GVISOR;
import static dev.connectkit.posix.PollEvent.POLLIN;
import static dev.connectkit.posix.PollEvent.POLLOUT;

/**
 * Scenarios from gVisor's AF_UNIX tests, file-system instance: {@code accept_bind.cc} (stream sockets),
 * {@code socket_unix_unbound_dgram.cc} (datagram sockets), {@code socket_unix_stream_listener_close.cc} (a
 * listener closed with a connection still queued; the source uses an abstract name, the port a path, since the
 * kit's {@link SockAddr.Un} has no abstract names). Paths live in the scenario's own folder.
 */
final class GvisorUnix {
    private static final String ACCEPT_BIND = "accept_bind.cc";
    private static final String UNBOUND_DGRAM = "socket_unix_unbound_dgram.cc";
    private static final String LISTENER_CLOSE = "socket_unix_stream_listener_close.cc";
    private static final String STREAM_PAIR = "/FilesystemUnboundUnixDomainSocketPair(SOCK_STREAM)";
    private static final String DGRAM_PAIR = "/FilesystemUnboundUnixDomainSocketPair(SOCK_DGRAM)";

    private GvisorUnix() {
    }

    private static Scenario.Builder stream(String test) {
        return Scenario.named("gvisor:AllSocketPairTest." + test)
                .from(GVISOR, ACCEPT_BIND, "AllSocketPairTest." + test + STREAM_PAIR);
    }

    private static Scenario.Builder datagram(String test) {
        return Scenario.named("gvisor:UnboundDgramUnixSocketPairTest." + test)
                .from(GVISOR, UNBOUND_DGRAM, "UnboundDgramUnixSocketPairTest." + test + DGRAM_PAIR)
                .needs(Capability.UNIX_DATAGRAM);
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(stream("Connect")
                .asserts("a stream client connects to a bound, listening path")
                .expect("""
                        bind = 0
                        listen = 0
                        connect = 0
                        """)
                .body((s, o) -> {
                    String path = o.path("server.sock");
                    int server = unixStream(s);
                    o.call("bind", () -> s.bind(server, SockAddr.unix(path)));
                    o.call("listen", () -> s.listen(server, 5));
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, SockAddr.unix(path)));
                    close(s, client, server);
                }));

        all.add(stream("DoubleConnect")
                .asserts("connect() on a connected AF_UNIX stream socket gives EISCONN")
                .expect("""
                        connect = 0
                        connect again = -1 EISCONN
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.call("connect again", () -> s.connect(client, path));
                    close(s, client, server);
                }));

        all.add(stream("ConnectNonListening")
                .asserts("a path bound by a socket that does not listen refuses: ECONNREFUSED")
                .expect("connect = -1 ECONNREFUSED")
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixStream(s);
                    s.bind(server, path);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    close(s, client, server);
                }));

        all.add(stream("ConnectToFilePath")
                .asserts("a path that exists but is no socket (the source uses /tmp, a directory) refuses:"
                        + " ECONNREFUSED")
                .expect("connect to a directory = -1 ECONNREFUSED")
                .body((s, o) -> {
                    o.workspace().directory("dir");
                    int client = unixStream(s);
                    o.call("connect to a directory", () -> s.connect(client, SockAddr.unix(o.path("dir"))));
                    close(s, client);
                }));

        all.add(stream("SelfConnect")
                .asserts("connect() on a listening AF_UNIX socket, to its own path, gives EINVAL")
                .expect("connect the listener to its own path = -1 EINVAL")
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    o.call("connect the listener to its own path", () -> s.connect(server, path));
                    close(s, server);
                }));

        all.add(stream("GetRemoteAddress")
                .asserts("the client's peer is the path it connected to")
                .expect("""
                        connect = 0
                        getpeername = unix:$DIR/server.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.name("getpeername", () -> s.getpeername(client));
                    close(s, client, server);
                }));

        all.add(stream("UnboundGetLocalAddress")
                .asserts("connect() does not bind an AF_UNIX client: its name is unnamed (only sun_family)")
                .expect("""
                        connect = 0
                        getsockname = unix:(unnamed)
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.name("getsockname", () -> s.getsockname(client));
                    close(s, client, server);
                }));

        all.add(stream("BoundGetLocalAddress")
                .asserts("a client that bound itself keeps its path as its name after connect()")
                .expect("""
                        bind the client = 0
                        connect = 0
                        getsockname = unix:$DIR/client.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("bind the client", () -> s.bind(client, SockAddr.unix(o.path("client.sock"))));
                    o.call("connect", () -> s.connect(client, path));
                    o.name("getsockname", () -> s.getsockname(client));
                    close(s, client, server);
                }));

        all.add(stream("BoundSenderAddr")
                .asserts("the accepted end names a client that bound itself: recvfrom() gives its path (and so"
                        + " does getpeername())")
                .expect("""
                        connect = 0
                        accept = fd
                        send = 4
                        recvfrom = 4
                        recvfrom: from = unix:$DIR/client.sock
                        accepted getpeername = unix:$DIR/client.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    s.bind(client, SockAddr.unix(o.path("client.sock")));
                    o.call("connect", () -> s.connect(client, path));
                    int accepted = o.accept("accept", s, server);
                    o.count("send", () -> s.send(client, new byte[4]));
                    if (accepted >= 0) {
                        waitReadable(s, accepted);
                        o.recvfrom("recvfrom", s, accepted);
                        o.name("accepted getpeername", () -> s.getpeername(accepted));
                    }
                    close(s, accepted, client, server);
                }));

        all.add(stream("UnboundSenderAddr")
                .asserts("from an unbound client, recvfrom() on the accepted end gives an empty address (addrlen"
                        + " 0) and getpeername() an unnamed one")
                .expect("""
                        connect = 0
                        accept = fd
                        send = 4
                        recvfrom = 4
                        recvfrom: from = AF_UNSPEC
                        accepted getpeername = unix:(unnamed)
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    int accepted = o.accept("accept", s, server);
                    o.count("send", () -> s.send(client, new byte[4]));
                    if (accepted >= 0) {
                        waitReadable(s, accepted);
                        o.recvfrom("recvfrom", s, accepted);
                        o.name("accepted getpeername", () -> s.getpeername(accepted));
                    }
                    close(s, accepted, client, server);
                }));

        all.add(stream("BindAfterConnectSenderAddr")
                .asserts("an AF_UNIX client may bind() after connect(); the accepted end then sees that path")
                .needs(Capability.BIND_AFTER_CONNECT)
                .expect("""
                        connect = 0
                        bind the client after connect = 0
                        accept = fd
                        send = 4
                        recvfrom = 4
                        recvfrom: from = unix:$DIR/client.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("server.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.call("bind the client after connect",
                            () -> s.bind(client, SockAddr.unix(o.path("client.sock"))));
                    int accepted = o.accept("accept", s, server);
                    o.count("send", () -> s.send(client, new byte[4]));
                    if (accepted >= 0) {
                        waitReadable(s, accepted);
                        o.recvfrom("recvfrom", s, accepted);
                    }
                    close(s, accepted, client, server);
                }));

        all.add(stream("ListenWithoutBind")
                .asserts("an AF_UNIX stream socket cannot listen() before bind(): EINVAL (no autobind to a path)")
                .expect("listen = -1 EINVAL")
                .body((s, o) -> {
                    int server = unixStream(s);
                    o.call("listen", () -> s.listen(server, 0));
                    close(s, server);
                }));

        all.add(datagram("BindConnect")
                .asserts("an AF_UNIX datagram socket connects to a bound path")
                .expect("connect = 0")
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("first.sock"));
                    int first = unixDatagram(s);
                    s.bind(first, path);
                    int second = unixDatagram(s);
                    o.call("connect", () -> s.connect(second, path));
                    close(s, second, first);
                }));

        all.add(datagram("SelfConnect")
                .asserts("an AF_UNIX datagram socket may connect to its own path")
                .expect("connect to its own path = 0")
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("first.sock"));
                    int first = unixDatagram(s);
                    s.bind(first, path);
                    o.call("connect to its own path", () -> s.connect(first, path));
                    close(s, first);
                }));

        all.add(datagram("DoubleConnect")
                .asserts("connecting an AF_UNIX datagram socket twice succeeds twice (no EISCONN)")
                .expect("""
                        connect = 0
                        connect again = 0
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("first.sock"));
                    int first = unixDatagram(s);
                    s.bind(first, path);
                    int second = unixDatagram(s);
                    o.call("connect", () -> s.connect(second, path));
                    o.call("connect again", () -> s.connect(second, path));
                    close(s, second, first);
                }));

        all.add(datagram("GetRemoteAddress")
                .asserts("a connected AF_UNIX datagram socket's peer is the path")
                .expect("""
                        connect = 0
                        getpeername = unix:$DIR/first.sock
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("first.sock"));
                    int first = unixDatagram(s);
                    s.bind(first, path);
                    int second = unixDatagram(s);
                    o.call("connect", () -> s.connect(second, path));
                    o.name("getpeername", () -> s.getpeername(second));
                    close(s, second, first);
                }));

        all.add(Scenario.named("gvisor:UnixStreamListenerCloseTest.PendingConnectionGetsECONNRESET")
                .from(GVISOR, LISTENER_CLOSE, "UnixStreamListenerCloseTest.PendingConnectionGetsECONNRESET")
                .asserts("closing a listener with a connection not yet accepted resets it: POLLERR | POLLHUP,"
                        + " read() gives ECONNRESET once, then 0")
                .expect("""
                        connect = 0
                        close(listener) = 0
                        poll(POLLIN|POLLOUT) -> [POLLIN, POLLOUT, POLLERR, POLLHUP]
                        read = -1 ECONNRESET
                        read again = 0
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("listener.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.call("close(listener)", () -> s.close(server));
                    o.poll("poll(POLLIN|POLLOUT)", poll(s, client, SOON_MILLIS, POLLIN, POLLOUT));
                    o.recvNow("read", s, client);
                    o.recvNow("read again", s, client);
                    close(s, client);
                }));

        all.add(Scenario.named("gvisor:UnixStreamListenerCloseTest.SOErrorReturnsECONNRESET")
                .from(GVISOR, LISTENER_CLOSE, "UnixStreamListenerCloseTest.SOErrorReturnsECONNRESET")
                .asserts("after the listener closed, SO_ERROR is ECONNRESET once, then 0")
                .expect("""
                        connect = 0
                        close(listener) = 0
                        SO_ERROR = ECONNRESET
                        SO_ERROR = 0
                        """)
                .body((s, o) -> {
                    SockAddr.Un path = SockAddr.unix(o.path("listener.sock"));
                    int server = unixListener(s, path.path(), 5);
                    int client = unixStream(s);
                    o.call("connect", () -> s.connect(client, path));
                    o.call("close(listener)", () -> s.close(server));
                    o.soError(s, client);
                    o.soError(s, client);
                    close(s, client);
                }));
        return all;
    }
}
