package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.SockAddr;

import java.util.List;

import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.closedTcpPort;
import static dev.connectkit.corpus.Peers.listener;
import static dev.connectkit.corpus.Peers.name6Of;
import static dev.connectkit.corpus.Peers.nameOf;
import static dev.connectkit.corpus.Peers.tcp;
import static dev.connectkit.corpus.Peers.tcp6;
import static dev.connectkit.corpus.Peers.unixDatagram;
import static dev.connectkit.corpus.Peers.unixListener;
import static dev.connectkit.corpus.Suite.LTP;

/**
 * Scenarios from the Linux Test Project's {@code connect01.c} (the errno table), {@code connect02.c} (AF_UNSPEC
 * on an accepted socket, then bind and listen) and {@code connect03.c} (AF_UNIX EPROTOTYPE). Where LTP connects
 * to INADDR_ANY, the port uses 127.0.0.1, which Linux routes the same way.
 */
final class Ltp {
    private Ltp() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.named("ltp:connect01/EBADF")
                        .from(LTP, "connect01.c", "tcases[0]: sockfd is not a valid open file descriptor")
                        .asserts("connect() on descriptor -1 gives EBADF")
                        .expect("connect(-1) = -1 EBADF")
                        .body((s, o) -> o.call("connect(-1)", () -> s.connect(-1, SockAddr.loopback(9)))),

                Scenario.named("ltp:connect01/EINVAL")
                        .from(LTP, "connect01.c", "tcases[2]: addrlen is not valid")
                        .asserts("a sockaddr_in with addrlen 3 gives EINVAL")
                        .expect("connect with addrlen 3 = -1 EINVAL")
                        .needs(Capability.EXPLICIT_ADDRLEN)
                        .body((s, o) -> {
                            SockAddr.In nobody = closedTcpPort(s);
                            int fd = tcp(s);
                            o.call("connect with addrlen 3", () -> s.connect(fd, nobody, 3));
                            close(s, fd);
                        }),

                Scenario.named("ltp:connect01/EISCONN")
                        .from(LTP, "connect01.c", "tcases[4]: socket is already connected")
                        .asserts("connect() on a connected socket gives EISCONN")
                        .expect("""
                                connect = 0
                                connect again = -1 EISCONN
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 10);
                            SockAddr.In server = nameOf(s, l);
                            int fd = tcp(s);
                            o.call("connect", () -> s.connect(fd, server));
                            o.call("connect again", () -> s.connect(fd, server));
                            close(s, fd, l);
                        }),

                Scenario.named("ltp:connect01/ECONNREFUSED")
                        .from(LTP, "connect01.c", "tcases[5]: nothing listening on remote address")
                        .asserts("connect() to an unused port gives ECONNREFUSED")
                        .expect("connect = -1 ECONNREFUSED")
                        .body((s, o) -> {
                            SockAddr.In nobody = closedTcpPort(s);
                            int fd = tcp(s);
                            o.call("connect", () -> s.connect(fd, nobody));
                            close(s, fd);
                        }),

                Scenario.named("ltp:connect01/EAFNOSUPPORT")
                        .from(LTP, "connect01.c", "tcases[6]: address doesn't have the correct address family")
                        .asserts("an address of another family gives EAFNOSUPPORT (LTP uses family 47, which the kit"
                                + " cannot encode; the port passes a sockaddr_in6 and a sockaddr_un)")
                        .expect("""
                                connect an AF_INET socket to [::1] = -1 EAFNOSUPPORT
                                connect an AF_INET socket to an AF_UNIX path = -1 EAFNOSUPPORT
                                """)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.call("connect an AF_INET socket to [::1]", () -> s.connect(fd, SockAddr.loopback6(9)));
                            o.call("connect an AF_INET socket to an AF_UNIX path",
                                    () -> s.connect(fd, SockAddr.unix(o.path("no.sock"))));
                            close(s, fd);
                        }),

                Scenario.named("ltp:connect02")
                        .from(LTP, "connect02.c", "CVE-2018-9568: connect(AF_UNSPEC) on an accepted socket")
                        .asserts("connect(AF_UNSPEC) dissolves an accepted connection (the peer reads ECONNRESET);"
                                + " the socket can then bind() and listen() and accept (LTP also switches it to"
                                + " AF_INET with IPV6_ADDRFORM, which the kit has no option for)")
                        .expect("""
                                connect the client = 0
                                accept = fd
                                connect the accepted socket to AF_UNSPEC = 0
                                getpeername = -1 ENOTCONN
                                the client reads = -1 ECONNRESET
                                bind it to [::]:0 = 0
                                listen on it = 0
                                connect a new client to it = 0
                                accept on it = fd
                                """)
                        .needs(Capability.STREAM_AF_UNSPEC)
                        .body((s, o) -> {
                            int l = tcp6(s);
                            s.bind(l, SockAddr.inet6("::", 0));
                            s.listen(l, 5);
                            int client = tcp(s);
                            o.call("connect the client", () -> s.connect(client, SockAddr.loopback(name6Of(s, l).port())));
                            int accepted = o.accept("accept", s, l);
                            o.call("connect the accepted socket to AF_UNSPEC",
                                    () -> s.connect(accepted, SockAddr.unspec()));
                            o.name("getpeername", () -> s.getpeername(accepted));
                            o.recvNow("the client reads", s, client);
                            o.call("bind it to [::]:0", () -> s.bind(accepted, SockAddr.inet6("::", 0)));
                            o.call("listen on it", () -> s.listen(accepted, 5));
                            int second = tcp(s);
                            o.call("connect a new client to it",
                                    () -> s.connect(second, SockAddr.loopback(name6Of(s, accepted).port())));
                            int third = o.accept("accept on it", s, accepted);
                            close(s, third, second, accepted, client, l);
                        }),

                Scenario.named("ltp:connect03/EPROTOTYPE")
                        .from(LTP, "connect03.c", "tcases[0]: socket type does not support the protocol")
                        .asserts("an AF_UNIX datagram socket connecting to a stream listener's path gives"
                                + " EPROTOTYPE")
                        .expect("connect a datagram socket to a stream listener = -1 EPROTOTYPE")
                        .needs(Capability.UNIX_DATAGRAM)
                        .body((s, o) -> {
                            SockAddr.Un path = SockAddr.unix(o.path("sock_file"));
                            int server = unixListener(s, path.path(), 5);
                            int dgram = unixDatagram(s);
                            o.call("connect a datagram socket to a stream listener", () -> s.connect(dgram, path));
                            close(s, dgram, server);
                        }));
    }
}
