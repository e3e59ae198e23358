package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;

import java.util.List;

import static dev.connectkit.corpus.Peers.SOON_MILLIS;
import static dev.connectkit.corpus.Peers.boundTcp;
import static dev.connectkit.corpus.Peers.close;
import static dev.connectkit.corpus.Peers.closedTcpPort;
import static dev.connectkit.corpus.Peers.listener;
import static dev.connectkit.corpus.Peers.nameOf;
import static dev.connectkit.corpus.Peers.poll;
import static dev.connectkit.corpus.Peers.tcp;
import static dev.connectkit.corpus.Peers.tcp6;
import static dev.connectkit.corpus.Suite.GVISOR;
import static dev.connectkit.posix.PollEvent.POLLERR;
import static dev.connectkit.posix.PollEvent.POLLIN;
import static dev.connectkit.posix.PollEvent.POLLOUT;

/** Scenarios from gVisor's {@code tcp_socket.cc}: connect() on a TCP socket, from every state it can be in. */
final class GvisorTcp {
    private static final String FILE = "tcp_socket.cc";

    private GvisorTcp() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.named("gvisor:ConnectOnEstablishedConnection")
                        .from(GVISOR, FILE, "TcpSocketTest.ConnectOnEstablishedConnection")
                        .asserts("connect() on either end of an established connection gives EISCONN")
                        .expect("""
                                connect = 0
                                accept = fd
                                connect the client again = -1 EISCONN
                                connect the accepted socket = -1 EISCONN
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 8);
                            SockAddr.In server = nameOf(s, l);
                            int client = tcp(s);
                            o.call("connect", () -> s.connect(client, server));
                            int accepted = o.accept("accept", s, l);
                            SockAddr peer = s.getpeername(client);
                            o.call("connect the client again", () -> s.connect(client, peer));
                            o.call("connect the accepted socket", () -> s.connect(accepted, peer));
                            close(s, accepted, client, l);
                        }),

                Scenario.named("gvisor:ConnectedAcceptedPeerAndLocalAreReciprocals")
                        .from(GVISOR, FILE, "TcpSocketTest.ConnectedAcceptedPeerAndLocalAreReciprocals")
                        .asserts("the client's peer is the accepted socket's name, and the other way round")
                        .expect("""
                                connect = 0
                                accept = fd
                                client getpeername = 127.0.0.1:ephemeral
                                client getsockname = 127.0.0.1:ephemeral
                                client's peer is the accepted socket's name = true
                                client's name is the accepted socket's peer = true
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 8);
                            int client = tcp(s);
                            o.call("connect", () -> s.connect(client, nameOf(s, l)));
                            int accepted = o.accept("accept", s, l);
                            o.address("client getpeername", s.getpeername(client));
                            o.address("client getsockname", s.getsockname(client));
                            o.value("client's peer is the accepted socket's name",
                                    s.getpeername(client).equals(s.getsockname(accepted)));
                            o.value("client's name is the accepted socket's peer",
                                    s.getsockname(client).equals(s.getpeername(accepted)));
                            close(s, accepted, client, l);
                        }),

                Scenario.named("gvisor:SendUnconnected")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SendUnconnected")
                        .asserts("send() on a TCP socket that never connected gives EPIPE")
                        .expect("send = -1 EPIPE")
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.count("send", () -> s.send(fd, new byte[1]));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:SendtoWithAddressUnconnected")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SendtoWithAddressUnconnected")
                        .asserts("sendto() with an address does not connect a TCP socket: EPIPE (the source's"
                                + " address has port 0; the port uses a closed port, which Linux never looks at)")
                        .expect("sendto 127.0.0.1 = -1 EPIPE")
                        .body((s, o) -> {
                            SockAddr.In nobody = closedTcpPort(s);
                            int fd = tcp(s);
                            o.count("sendto 127.0.0.1", () -> s.sendto(fd, new byte[1], nobody));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:GetPeerNameUnconnected")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.GetPeerNameUnconnected")
                        .asserts("getpeername() on a fresh TCP socket gives ENOTCONN")
                        .expect("getpeername = -1 ENOTCONN")
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.name("getpeername", () -> s.getpeername(fd));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:GetSockNameUnbound")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.GetSockNameUnbound/AF_INET")
                        .asserts("a fresh AF_INET socket's name is 0.0.0.0, port 0")
                        .expect("getsockname = 0.0.0.0:0")
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.name("getsockname", () -> s.getsockname(fd));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:GetSockNameUnbound-v6")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.GetSockNameUnbound/AF_INET6")
                        .asserts("a fresh AF_INET6 socket's name is ::, port 0")
                        .expect("getsockname = [::]:0")
                        .body((s, o) -> {
                            int fd = tcp6(s);
                            o.name("getsockname", () -> s.getsockname(fd));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:PollAroundAccept")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.PollAroundAccept")
                        .asserts("a listener is readable exactly while a completed connection waits in its queue")
                        .expect("""
                                listener poll(POLLIN, 0) -> []
                                connect = 0
                                listener poll(POLLIN) -> [POLLIN]
                                accept = fd
                                listener poll(POLLIN, 0) after accept -> []
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 4096);
                            o.poll("listener poll(POLLIN, 0)", poll(s, l, 0, POLLIN));
                            int client = tcp(s);
                            o.call("connect", () -> s.connect(client, nameOf(s, l)));
                            o.poll("listener poll(POLLIN)", poll(s, l, SOON_MILLIS, POLLIN));
                            int accepted = o.accept("accept", s, l);
                            o.poll("listener poll(POLLIN, 0) after accept", poll(s, l, 0, POLLIN));
                            close(s, accepted, client, l);
                        }),

                Scenario.named("gvisor:NonBlockingConnectRetry")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnectRetry")
                        .asserts("a refused socket can connect() again once the peer listens; the retry succeeds")
                        .expect("""
                                connect = -1 ECONNREFUSED
                                listen = 0
                                connect the same socket again = 0
                                accept = fd
                                """)
                        .body((s, o) -> {
                            int bound = boundTcp(s);
                            SockAddr.In addr = nameOf(s, bound);
                            int fd = tcp(s);
                            o.call("connect", () -> s.connect(fd, addr));
                            o.call("listen", () -> s.listen(bound, 4096));
                            o.call("connect the same socket again", () -> s.connect(fd, addr));
                            int accepted = o.accept("accept", s, bound);
                            close(s, accepted, fd, bound);
                        }),

                Scenario.named("gvisor:NonBlockingConnectNoListener")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnectNoListener")
                        .asserts("EINPROGRESS, then POLLERR, SO_ERROR = ECONNREFUSED, read() = 0, and a blocking"
                                + " connect() afterwards gives ECONNABORTED")
                        .expect("""
                                connect = -1 EINPROGRESS
                                poll(POLLERR) -> [POLLERR, POLLHUP]
                                SO_ERROR = ECONNREFUSED
                                read = 0
                                connect again, blocking = -1 ECONNABORTED
                                """)
                        .body((s, o) -> {
                            int bound = boundTcp(s);
                            SockAddr.In addr = nameOf(s, bound);
                            int fd = tcp(s);
                            s.setNonBlocking(fd, true);
                            o.call("connect", () -> s.connect(fd, addr));
                            o.poll("poll(POLLERR)", poll(s, fd, SOON_MILLIS, POLLERR));
                            o.soError(s, fd);
                            o.count("read", () -> s.recv(fd, new byte[1]));
                            s.setNonBlocking(fd, false);
                            o.call("connect again, blocking", () -> s.connect(fd, addr));
                            close(s, fd, bound);
                        }),

                Scenario.named("gvisor:NonBlockingConnectNoListenerRead")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnectNoListenerRead")
                        .asserts("after a refused non-blocking connect, read() gives ECONNREFUSED once, then 0;"
                                + " connect() then gives ECONNABORTED")
                        .expect("""
                                connect = -1 EINPROGRESS
                                poll(POLLERR) -> [POLLERR, POLLHUP]
                                read = -1 ECONNREFUSED
                                read again = 0
                                connect again = -1 ECONNABORTED
                                """)
                        .body((s, o) -> {
                            int bound = boundTcp(s);
                            SockAddr.In addr = nameOf(s, bound);
                            int fd = tcp(s);
                            s.setNonBlocking(fd, true);
                            o.call("connect", () -> s.connect(fd, addr));
                            o.poll("poll(POLLERR)", poll(s, fd, SOON_MILLIS, POLLERR));
                            o.count("read", () -> s.recv(fd, new byte[1]));
                            o.count("read again", () -> s.recv(fd, new byte[1]));
                            o.call("connect again", () -> s.connect(fd, addr));
                            close(s, fd, bound);
                        }),

                Scenario.named("gvisor:SelfConnectSendRecv")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SelfConnectSendRecv")
                        .asserts("a TCP socket connected to its own address (simultaneous open) carries its own"
                                + " data and its own FIN")
                        .expect("""
                                connect to its own address = 0
                                getpeername equals getsockname = true
                                send = 3
                                poll(POLLIN) -> [POLLIN]
                                recv = 3
                                shutdown(SHUT_WR) = 0
                                recv after its own FIN = 0
                                """)
                        .body((s, o) -> {
                            int fd = boundTcp(s);
                            SockAddr.In self = nameOf(s, fd);
                            o.call("connect to its own address", () -> s.connect(fd, self));
                            o.value("getpeername equals getsockname", s.getpeername(fd).equals(s.getsockname(fd)));
                            o.count("send", () -> s.send(fd, new byte[] {1, 2, 3}));
                            o.poll("poll(POLLIN)", poll(s, fd, SOON_MILLIS, POLLIN));
                            o.count("recv", () -> s.recv(fd, new byte[8]));
                            o.call("shutdown(SHUT_WR)", () -> s.shutdown(fd, ShutdownHow.SHUT_WR));
                            s.setNonBlocking(fd, true);
                            o.count("recv after its own FIN", () -> s.recv(fd, new byte[8]));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:NonBlockingConnect_PollOut")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnect_PollOut")
                        .asserts("a non-blocking connect() to a listener: EINPROGRESS, then POLLOUT, SO_ERROR = 0")
                        .expect("""
                                connect = -1 EINPROGRESS
                                accept = fd
                                poll(POLLOUT) -> [POLLOUT]
                                SO_ERROR = 0
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 4096);
                            int fd = tcp(s);
                            s.setNonBlocking(fd, true);
                            o.call("connect", () -> s.connect(fd, nameOf(s, l)));
                            int accepted = o.accept("accept", s, l);
                            o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                            o.soError(s, fd);
                            close(s, accepted, fd, l);
                        }),

                Scenario.named("gvisor:NonBlockingConnectRemoteClose")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnectRemoteClose")
                        .asserts("after the accepted end closes, the client is writable, connect() reports 0 once,"
                                + " then EISCONN")
                        .expect("""
                                connect = -1 EINPROGRESS
                                accept = fd
                                poll(POLLOUT) -> [POLLOUT]
                                connect again = 0
                                connect a third time = -1 EISCONN
                                """)
                        .body((s, o) -> {
                            int l = listener(s, 4096);
                            SockAddr.In server = nameOf(s, l);
                            int fd = tcp(s);
                            s.setNonBlocking(fd, true);
                            o.call("connect", () -> s.connect(fd, server));
                            int accepted = o.accept("accept", s, l);
                            close(s, accepted);
                            o.poll("poll(POLLOUT)", poll(s, fd, SOON_MILLIS, POLLOUT));
                            o.call("connect again", () -> s.connect(fd, server));
                            o.call("connect a third time", () -> s.connect(fd, server));
                            close(s, fd, l);
                        }),

                Scenario.named("gvisor:BlockingConnectRefused")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.BlockingConnectRefused")
                        .asserts("a blocking connect() to a port nobody listens on gives ECONNREFUSED")
                        .expect("connect = -1 ECONNREFUSED")
                        .body((s, o) -> {
                            SockAddr.In nobody = closedTcpPort(s);
                            int fd = tcp(s);
                            o.call("connect", () -> s.connect(fd, nobody));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:CleanupOnConnectionRefused")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.CleanupOnConnectionRefused")
                        .asserts("a refusal releases the client's port (another socket can bind it) and a second"
                                + " connect() is refused again, not EADDRINUSE")
                        .expect("""
                                connect = -1 ECONNREFUSED
                                bind another socket to the client's address = 0
                                connect the client again = -1 ECONNREFUSED
                                """)
                        .body((s, o) -> {
                            int bound = boundTcp(s);
                            SockAddr.In target = nameOf(s, bound);
                            int client = boundTcp(s);
                            SockAddr.In clientAddr = nameOf(s, client);
                            o.call("connect", () -> s.connect(client, target));
                            int other = tcp(s);
                            o.call("bind another socket to the client's address", () -> s.bind(other, clientAddr));
                            o.call("connect the client again", () -> s.connect(client, target));
                            close(s, other, client, bound);
                        }),

                Scenario.named("gvisor:NonBlockingConnectRefused")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.NonBlockingConnectRefused")
                        .asserts("a refused non-blocking connect() wakes poll() with POLLHUP and POLLERR, even"
                                + " when no event was asked for")
                        .expect("""
                                connect = -1 EINPROGRESS
                                poll(no events) -> [POLLERR, POLLHUP]
                                """)
                        .body((s, o) -> {
                            SockAddr.In nobody = closedTcpPort(s);
                            int fd = tcp(s);
                            s.setNonBlocking(fd, true);
                            o.call("connect", () -> s.connect(fd, nobody));
                            o.poll("poll(no events)", poll(s, fd, SOON_MILLIS));
                            s.close(fd);
                        }),

                shutdownConnecting(ShutdownHow.SHUT_RD, "ShutdownReadConnectingSocket"),
                shutdownConnecting(ShutdownHow.SHUT_WR, "ShutdownWriteConnectingSocket"),
                shutdownConnecting(ShutdownHow.SHUT_RDWR, "ShutdownReadWriteConnectingSocket"),

                Scenario.named("gvisor:ConnectUnspecifiedAddress")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.ConnectUnspecifiedAddress/AF_INET")
                        .asserts("connecting to the all-zero address and port is refused (Linux reads 0.0.0.0 as"
                                + " this host, and nothing listens on port 0)")
                        .expect("connect 0.0.0.0:0 = -1 ECONNREFUSED")
                        .needs(Capability.PORT_ZERO_DESTINATION)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.call("connect 0.0.0.0:0", () -> s.connect(fd, SockAddr.inet("0.0.0.0", 0)));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:ConnectUnspecifiedAddress-v6")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.ConnectUnspecifiedAddress/AF_INET6")
                        .asserts("the same on AF_INET6, for :: and for its v4-mapped form ::ffff:0.0.0.0")
                        .expect("""
                                connect [::]:0 = -1 ECONNREFUSED
                                connect [::ffff:0.0.0.0]:0 = -1 ECONNREFUSED
                                """)
                        .needs(Capability.PORT_ZERO_DESTINATION)
                        .body((s, o) -> {
                            int fd = tcp6(s);
                            o.call("connect [::]:0", () -> s.connect(fd, SockAddr.inet6("::", 0)));
                            int mapped = tcp6(s);
                            o.call("connect [::ffff:0.0.0.0]:0",
                                    () -> s.connect(mapped, SockAddr.inet6("::ffff:0.0.0.0", 0)));
                            close(s, mapped, fd);
                        }),

                Scenario.named("gvisor:OnlyAcknowledgeBacklogConnections")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.OnlyAcknowledgeBacklogConnections")
                        .asserts("with listen(fd, 0) one connection completes and the next is not acknowledged:"
                                + " it stays pending")
                        .expect("""
                                connect = 0
                                connect the next one = -1 EINPROGRESS
                                poll(POLLOUT, 10) -> []
                                """)
                        .needs(Capability.LISTEN_BACKLOG_ZERO)
                        .body((s, o) -> {
                            int l = listener(s, 0);
                            SockAddr.In server = nameOf(s, l);
                            int established = tcp(s);
                            o.call("connect", () -> s.connect(established, server));
                            int connecting = tcp(s);
                            s.setNonBlocking(connecting, true);
                            o.call("connect the next one", () -> s.connect(connecting, server));
                            o.poll("poll(POLLOUT, 10)", poll(s, connecting, 10, POLLOUT));
                            close(s, connecting, established, l);
                        }),

                Scenario.named("gvisor:GetTCPSynCntDefault")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.GetTCPSynCntDefault")
                        .asserts("TCP_SYNCNT starts at 6 (net.ipv4.tcp_syn_retries), the SYN retransmits connect()"
                                + " makes before ETIMEDOUT")
                        .expect("TCP_SYNCNT = 6")
                        .needs(Capability.TCP_SYNCNT)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.value("TCP_SYNCNT", s.getsockopt(fd, SocketOption.TCP_SYNCNT));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:SetTCPSynCntLessThanOne")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SetTCPSynCntLessThanOne")
                        .asserts("TCP_SYNCNT below 1 is refused with EINVAL and the value stays")
                        .expect("""
                                setsockopt(TCP_SYNCNT, 0) = -1 EINVAL
                                setsockopt(TCP_SYNCNT, -1) = -1 EINVAL
                                TCP_SYNCNT = 6
                                """)
                        .needs(Capability.TCP_SYNCNT)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.call("setsockopt(TCP_SYNCNT, 0)", () -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, 0));
                            o.call("setsockopt(TCP_SYNCNT, -1)", () -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, -1));
                            o.value("TCP_SYNCNT", s.getsockopt(fd, SocketOption.TCP_SYNCNT));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:SetTCPSynCntAboveMax")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SetTCPSynCntAboveMax")
                        .asserts("TCP_SYNCNT above 127 is refused with EINVAL and the value stays")
                        .expect("""
                                setsockopt(TCP_SYNCNT, 256) = -1 EINVAL
                                TCP_SYNCNT = 6
                                """)
                        .needs(Capability.TCP_SYNCNT)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.call("setsockopt(TCP_SYNCNT, 256)",
                                    () -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, 256));
                            o.value("TCP_SYNCNT", s.getsockopt(fd, SocketOption.TCP_SYNCNT));
                            s.close(fd);
                        }),

                Scenario.named("gvisor:SetTCPSynCntGreaterThanOne")
                        .from(GVISOR, FILE, "SimpleTcpSocketTest.SetTCPSynCntGreaterThanOne")
                        .asserts("TCP_SYNCNT = 20 is accepted and read back")
                        .expect("""
                                setsockopt(TCP_SYNCNT, 20) = 0
                                TCP_SYNCNT = 20
                                """)
                        .needs(Capability.TCP_SYNCNT)
                        .body((s, o) -> {
                            int fd = tcp(s);
                            o.call("setsockopt(TCP_SYNCNT, 20)", () -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, 20));
                            o.value("TCP_SYNCNT", s.getsockopt(fd, SocketOption.TCP_SYNCNT));
                            s.close(fd);
                        }));
    }

    /**
     * gVisor's ShutdownConnectingSocket: listen(fd, 0) and one completed connection fill the queue, so the next
     * non-blocking connect() stays in SYN_SENT; shutdown() aborts it whatever {@code how} is.
     */
    private static Scenario shutdownConnecting(ShutdownHow how, String test) {
        return Scenario.named("gvisor:" + test)
                .from(GVISOR, FILE, "SimpleTcpSocketTest." + test)
                .asserts("shutdown(" + how + ") of a connecting socket succeeds and leaves it in error: poll()"
                        + " gives exactly POLLHUP | POLLERR")
                .expect("""
                        connect = 0
                        connect the next one = -1 EINPROGRESS
                        shutdown(%s) = 0
                        poll(no events, 0) -> [POLLERR, POLLHUP]
                        SO_ERROR = ECONNRESET
                        """.formatted(how))
                .needs(Capability.LISTEN_BACKLOG_ZERO)
                .body((s, o) -> {
                    int l = listener(s, 0);
                    SockAddr.In server = nameOf(s, l);
                    int established = tcp(s);
                    o.call("connect", () -> s.connect(established, server));
                    int connecting = tcp(s);
                    s.setNonBlocking(connecting, true);
                    o.call("connect the next one", () -> s.connect(connecting, server));
                    o.call("shutdown(" + how + ")", () -> s.shutdown(connecting, how));
                    o.poll("poll(no events, 0)", poll(s, connecting, 0));
                    o.soError(s, connecting);
                    close(s, connecting, established, l);
                });
    }
}
