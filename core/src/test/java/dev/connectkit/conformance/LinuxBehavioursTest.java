package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_INET6;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Behaviours in which the simulator once differed from Linux (issue 12, "Simulator behaviours"; issue 13, wrong
 * families and dual stack), each written down as the observations Linux gives. The simulator must give exactly
 * these; where the native backend runs, the kernel must give them too, so the expectations cannot drift from
 * what Linux does.
 */
@DisplayName("behaviours the simulator once got wrong, as Linux shows them")
class LinuxBehavioursTest {

    /** Where a scenario's AF_UNIX names live: a temporary folder on disk, or the simulated host's file system. */
    interface Place {
        String path(String name);

        void directory(String name) throws IOException;

        void regularFile(String name) throws IOException;

        /** An AF_UNIX address with this place's folder written as {@code $DIR}. */
        String relative(SockAddr address);
    }

    @FunctionalInterface
    interface Scenario {
        void run(Sockets s, Observer o, Place place) throws Exception;
    }

    record Case(Scenario scenario, List<String> linux) {
    }

    private static final EnumSet<PollEvent> IN = EnumSet.of(PollEvent.POLLIN);
    private static final EnumSet<PollEvent> OUT = EnumSet.of(PollEvent.POLLOUT);
    private static final EnumSet<PollEvent> IN_OUT = EnumSet.of(PollEvent.POLLIN, PollEvent.POLLOUT);

    static Stream<Named<Case>> cases() {
        return Stream.of(
                Named.of("shutdown(SHUT_RDWR) of a listener: accept() gives EINVAL, connects are refused",
                        new Case(LinuxBehavioursTest::shutdownListener, List.of(
                                "shutdown(SHUT_RDWR) = 0",
                                "accept = -1 EINVAL",
                                "poll(POLLIN|POLLOUT, 0) -> [POLLOUT, POLLHUP]",
                                "getsockname = 127.0.0.1:ephemeral",
                                "connect = -1 ECONNREFUSED",
                                "listen again = 0",
                                "connect to it again = -1 ECONNREFUSED"))),
                Named.of("shutdown(SHUT_WR) of a listener changes nothing",
                        new Case(LinuxBehavioursTest::shutdownListenerForWriting, List.of(
                                "shutdown(SHUT_WR) = 0",
                                "connect = 0",
                                "accept = 0"))),
                Named.of("two sockets on one 4-tuple through SO_REUSEADDR: EADDRNOTAVAIL",
                        new Case(LinuxBehavioursTest::sameFourTuple, List.of(
                                "bind b to a's address = 0",
                                "connect a = 0",
                                "connect b to the same peer = -1 EADDRNOTAVAIL",
                                "connect b to another peer = 0"))),
                Named.of("an AF_INET6 TCP socket given a sockaddr_in, then a v4-mapped peer",
                        new Case(LinuxBehavioursTest::dualStackTcp, List.of(
                                "connect to a sockaddr_in = -1 EINVAL",
                                "connect to a sockaddr_in, addrlen 28 = -1 EAFNOSUPPORT",
                                "connect to ::ffff:127.0.0.1 = 0",
                                "getsockname = [::ffff:7f00:1]:ephemeral",
                                "getpeername = [::ffff:7f00:1]:ephemeral",
                                "the server sees = 127.0.0.1:ephemeral"))),
                Named.of("an AF_INET6 listener bound to ::ffff:127.0.0.1 takes an IPv4 client",
                        new Case(LinuxBehavioursTest::dualStackListener, List.of(
                                "bind to ::ffff:127.0.0.1 = 0",
                                "getsockname = [::ffff:7f00:1]:ephemeral",
                                "listen = 0",
                                "an IPv4 client connects = 0",
                                "the server sees = [::ffff:7f00:1]:ephemeral",
                                "the accepted socket's name = [::ffff:7f00:1]:ephemeral",
                                "an IPv6 client to ::1 = -1 ECONNREFUSED"))),
                Named.of("an AF_INET6 UDP socket: a sockaddr_in is a v4-mapped peer, sendto() one is sent",
                        new Case(LinuxBehavioursTest::dualStackUdp, List.of(
                                "connect to a sockaddr_in = 0",
                                "getsockname = [::ffff:7f00:1]:ephemeral",
                                "getpeername = [::ffff:7f00:1]:ephemeral",
                                "send = 0",
                                "the peer's poll(POLLIN, 1000) -> [POLLIN]",
                                "the datagram comes from = 127.0.0.1:ephemeral",
                                "sendto a sockaddr_in = 0",
                                "its name afterwards = [::]:ephemeral",
                                "the peer's poll(POLLIN, 1000) -> [POLLIN]",
                                "that datagram comes from = 127.0.0.1:ephemeral"))),
                Named.of("IPV6_V6ONLY refuses IPv4 peers", new Case(LinuxBehavioursTest::v6Only, List.of(
                                "UDP connect to a sockaddr_in = -1 EAFNOSUPPORT",
                                "UDP connect to ::ffff:127.0.0.1 = -1 ENETUNREACH",
                                "UDP sendto a sockaddr_in = -1 ENETUNREACH",
                                "TCP connect to ::ffff:127.0.0.1 = -1 ENETUNREACH",
                                "TCP bind to ::ffff:127.0.0.1 = -1 EINVAL"))),
                Named.of("connect(AF_UNSPEC) on an established TCP socket releases it: bind and listen work",
                        new Case(LinuxBehavioursTest::unspecEstablished, List.of(
                                "connect AF_UNSPEC = 0",
                                "getsockname = 0.0.0.0:ephemeral",
                                "getpeername = -1 ENOTCONN",
                                "the server's poll(POLLIN, 1000) -> [POLLIN, POLLERR, POLLHUP]",
                                "the server's recv = -1 ECONNRESET",
                                "bind = 0",
                                "listen = 0"))),
                Named.of("AF_UNSPEC on UDP sockets bound three ways: only what bind() chose is kept",
                        new Case(LinuxBehavioursTest::unspecUdp, List.of(
                                "AF_UNSPEC, bound to 127.0.0.1:0 = 0",
                                "getsockname = 127.0.0.1:0",
                                "AF_UNSPEC, bound to 127.0.0.1 and a port = 0",
                                "getsockname = 127.0.0.1:ephemeral",
                                "connected from = 127.0.0.1:ephemeral",
                                "AF_UNSPEC, bound to 0.0.0.0:0 = 0",
                                "getsockname = 0.0.0.0:0"))),
                Named.of("UDP shutdown(SHUT_WR): send() gives EPIPE, even after a reconnect",
                        new Case(LinuxBehavioursTest::udpShutdown, List.of(
                                "shutdown(SHUT_WR) = 0",
                                "send = -1 EPIPE",
                                "poll(POLLIN|POLLOUT, 0) -> [POLLOUT]",
                                "connect again = 0",
                                "send after the reconnect = -1 EPIPE",
                                "shutdown(SHUT_WR) unconnected = -1 ENOTCONN",
                                "sendto afterwards = -1 EPIPE",
                                "shutdown(SHUT_RD) = 0",
                                "poll(POLLIN|POLLOUT, 0) -> [POLLIN, POLLOUT]",
                                "recv = 0"))),
                Named.of("recv() after a refused attempt: the error once, then 0",
                        new Case(LinuxBehavioursTest::recvAfterRefusal, List.of(
                                "connect = -1 EINPROGRESS",
                                "poll(POLLOUT, 2000) -> [POLLOUT, POLLERR, POLLHUP]",
                                "recv = -1 ECONNREFUSED",
                                "recv again = 0",
                                "poll(POLLIN|POLLOUT, 0) -> [POLLIN, POLLOUT, POLLHUP]",
                                "SO_ERROR = 0",
                                "a blocking connect = -1 ECONNREFUSED",
                                "recv after it = -1 ENOTCONN",
                                "poll(POLLIN|POLLOUT, 0) -> [POLLOUT, POLLHUP]"))),
                Named.of("recv() after a reset: the error once, then 0",
                        new Case(LinuxBehavioursTest::recvAfterReset, List.of(
                                "poll(POLLIN, 1000) -> [POLLIN, POLLERR, POLLHUP]",
                                "recv = -1 ECONNRESET",
                                "recv again = 0",
                                "send = -1 EPIPE",
                                "SO_ERROR = 0",
                                "getpeername = -1 ENOTCONN"))),
                Named.of("the limited broadcast address: EACCES without SO_BROADCAST",
                        new Case(LinuxBehavioursTest::limitedBroadcast, List.of(
                                "UDP connect = -1 EACCES",
                                "UDP sendto = -1 EACCES",
                                "UDP connect with SO_BROADCAST = 0",
                                "TCP connect = -1 ENETUNREACH"))),
                Named.of("AF_UNIX paths that are not sockets: a directory, a file, a missing name",
                        new Case(LinuxBehavioursTest::unixPaths, List.of(
                                "connect to a directory = -1 ECONNREFUSED",
                                "connect to a regular file = -1 ECONNREFUSED",
                                "connect to a missing name = -1 ENOENT",
                                "connect below a regular file = -1 ENOTDIR",
                                "bind to the directory's name = -1 EADDRINUSE",
                                "bind below a regular file = -1 ENOTDIR",
                                "connect to a bound socket that does not listen = -1 ECONNREFUSED"))),
                Named.of("AF_UNIX: the server sees the name a client bound",
                        new Case(LinuxBehavioursTest::unixNames, List.of(
                                "a bound client connects = 0",
                                "the server sees = unix:$DIR/client",
                                "the accepted socket's name = unix:$DIR/server",
                                "the client's peer = unix:$DIR/server",
                                "the server sees an unbound client as = unix:(unnamed)"))),
                Named.of("closing: the side that closes first keeps its port in TIME_WAIT",
                        new Case(LinuxBehavioursTest::timeWait, List.of(
                                "the server closes first = 0",
                                "the client's poll(POLLIN|POLLOUT, 1000) -> [POLLIN, POLLOUT]",
                                "the client's recv = 0",
                                "the client closes = 0",
                                "the listener closes = 0",
                                "bind to the server's port = -1 EADDRINUSE",
                                "bind with SO_REUSEADDR (the old socket had none) = -1 EADDRINUSE",
                                "the server closes first = 0",
                                "the client's poll(POLLIN|POLLOUT, 1000) -> [POLLIN, POLLOUT]",
                                "the client's recv = 0",
                                "the client closes = 0",
                                "the listener closes = 0",
                                "bind with SO_REUSEADDR (the old socket had it too) = 0",
                                "listen there = 0"))),
                Named.of("addresses of the wrong family, to connect() and sendto()",
                        new Case(LinuxBehavioursTest::wrongFamilies, List.of(
                                "TCP connect to a sockaddr_in6 = -1 EAFNOSUPPORT",
                                "TCP connect to a short sockaddr_un = -1 EINVAL",
                                "TCP connect to a long sockaddr_un = -1 EAFNOSUPPORT",
                                "TCP sendto, unconnected = -1 EPIPE",
                                "UDP connect to a sockaddr_in6 = -1 EAFNOSUPPORT",
                                "its name afterwards = 0.0.0.0:ephemeral",
                                "UDP sendto a sockaddr_in6 = -1 EAFNOSUPPORT",
                                "its name afterwards = 0.0.0.0:ephemeral",
                                "UDP sendto a sockaddr_un = -1 EAFNOSUPPORT",
                                "UDP sendto AF_UNSPEC = -1 EINVAL",
                                "UDP sendto port 0 = -1 EINVAL",
                                "UDP6 connect to a short sockaddr_un = -1 EINVAL",
                                "UDP6 connect to a long sockaddr_un = -1 EAFNOSUPPORT",
                                "UDP6 sendto a sockaddr_un = -1 EINVAL",
                                "UDP6 sendto AF_UNSPEC = -1 EDESTADDRREQ",
                                "AF_UNIX connect to a sockaddr_in = -1 EINVAL",
                                "AF_UNIX sendto a sockaddr_in = -1 EINVAL"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(30)
    @DisplayName("the simulator gives Linux's observations")
    void simulatorAgrees(Case c) throws Exception {
        SimNetwork network = SimNetwork.create();
        Place place = new SimulatedPlace(network);
        List<String> observed = observe(network.open(), network.ephemeralPortRange(), c.scenario(), place);
        assertThat(observed).as("the simulator's observations, against Linux's").containsExactlyElementsOf(c.linux());
        network.assertNoOpenSockets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(30)
    @DisplayName("the kernel gives them too")
    void kernelAgrees(Case c) throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        try (DiskPlace place = new DiskPlace()) {
            List<String> observed = observe(Sockets.nativeLibc(), Loopback.ephemeralPortRange(), c.scenario(), place);
            assertThat(observed).as("the kernel's observations, against those written here").containsExactlyElementsOf(
                    c.linux());
        }
    }

    private static List<String> observe(Sockets sockets, int[] ephemeral, Scenario scenario, Place place)
            throws Exception {
        try (sockets) {
            Observer o = new Observer(ephemeral);
            scenario.run(sockets, o, place);
            assertThat(sockets.openDescriptors()).as("the scenario closes what it opens").isEmpty();
            return o.lines();
        }
    }

    /** A call whose value matters: the value, or {@code -1 ERRNO}. */
    @FunctionalInterface
    interface Valued {
        Object get() throws ErrnoException;
    }

    static void valued(Observer o, String what, Valued call) {
        try {
            o.value(what, call.get());
        } catch (ErrnoException e) {
            o.value(what, "-1 " + e.errno().name());
        }
    }

    // ---- the scenarios ----

    static void shutdownListener(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        SockAddr.In address = Loopback.addressOf(s, listener);
        o.call("shutdown(SHUT_RDWR)", () -> s.shutdown(listener, ShutdownHow.SHUT_RDWR));
        s.setNonBlocking(listener, true);
        o.call("accept", () -> s.accept(listener));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(listener, IN_OUT), 0));
        o.address("getsockname", s.getsockname(listener));
        int client = s.socket(AF_INET, SOCK_STREAM);
        o.call("connect", () -> s.connect(client, address));
        o.call("listen again", () -> s.listen(listener, 8));
        o.call("connect to it again", () -> s.connect(client, address));
        s.close(client);
        s.close(listener);
    }

    static void shutdownListenerForWriting(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        o.call("shutdown(SHUT_WR)", () -> s.shutdown(listener, ShutdownHow.SHUT_WR));
        int client = s.socket(AF_INET, SOCK_STREAM);
        o.call("connect", () -> s.connect(client, Loopback.addressOf(s, listener)));
        s.setNonBlocking(listener, true);
        o.call("accept", () -> s.close(s.accept(listener)));
        s.close(client);
        s.close(listener);
    }

    static void sameFourTuple(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int other = Loopback.tcpListener(s, 8);
        int a = s.socket(AF_INET, SOCK_STREAM);
        int b = s.socket(AF_INET, SOCK_STREAM);
        s.setsockopt(a, SocketOption.SO_REUSEADDR, 1);
        s.setsockopt(b, SocketOption.SO_REUSEADDR, 1);
        s.bind(a, SockAddr.loopback(0));
        o.call("bind b to a's address", () -> s.bind(b, s.getsockname(a)));
        o.call("connect a", () -> s.connect(a, Loopback.addressOf(s, listener)));
        o.call("connect b to the same peer", () -> s.connect(b, Loopback.addressOf(s, listener)));
        o.call("connect b to another peer", () -> s.connect(b, Loopback.addressOf(s, other)));
        s.close(a);
        s.close(b);
        s.close(listener);
        s.close(other);
    }

    static void dualStackTcp(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int port = Loopback.addressOf(s, listener).port();
        int fd = s.socket(AF_INET6, SOCK_STREAM);
        o.call("connect to a sockaddr_in", () -> s.connect(fd, SockAddr.loopback(port)));
        o.call("connect to a sockaddr_in, addrlen 28", () -> s.connect(fd, SockAddr.loopback(port), 28));
        o.call("connect to ::ffff:127.0.0.1", () -> s.connect(fd, SockAddr.inet6("::ffff:127.0.0.1", port)));
        o.address("getsockname", s.getsockname(fd));
        o.address("getpeername", s.getpeername(fd));
        int accepted = s.accept(listener);
        o.address("the server sees", s.getpeername(accepted));
        s.close(accepted);
        s.close(fd);
        s.close(listener);
    }

    static void dualStackListener(Sockets s, Observer o, Place p) throws Exception {
        int listener = s.socket(AF_INET6, SOCK_STREAM);
        o.call("bind to ::ffff:127.0.0.1", () -> s.bind(listener, SockAddr.inet6("::ffff:127.0.0.1", 0)));
        o.address("getsockname", s.getsockname(listener));
        o.call("listen", () -> s.listen(listener, 8));
        int port = ((SockAddr.In6) s.getsockname(listener)).port();
        int client = s.socket(AF_INET, SOCK_STREAM);
        o.call("an IPv4 client connects", () -> s.connect(client, SockAddr.loopback(port)));
        int accepted = s.accept(listener);
        o.address("the server sees", s.getpeername(accepted));
        o.address("the accepted socket's name", s.getsockname(accepted));
        int v6 = s.socket(AF_INET6, SOCK_STREAM);
        o.call("an IPv6 client to ::1", () -> s.connect(v6, SockAddr.loopback6(port)));
        s.close(v6);
        s.close(accepted);
        s.close(client);
        s.close(listener);
    }

    static void dualStackUdp(Sockets s, Observer o, Place p) throws Exception {
        int peer = Loopback.udpSocket(s);
        SockAddr.In peerAddress = Loopback.addressOf(s, peer);
        int fd = s.socket(AF_INET6, SOCK_DGRAM);
        o.call("connect to a sockaddr_in", () -> s.connect(fd, peerAddress));
        o.address("getsockname", s.getsockname(fd));
        o.address("getpeername", s.getpeername(fd));
        o.call("send", () -> s.send(fd, new byte[] {1}));
        o.poll("the peer's poll(POLLIN, 1000)", s.poll(new PollFd(peer, IN), 1_000));
        o.address("the datagram comes from", s.recvfrom(peer, 8).from());
        int other = s.socket(AF_INET6, SOCK_DGRAM);
        o.call("sendto a sockaddr_in", () -> s.sendto(other, new byte[] {2}, peerAddress));
        o.address("its name afterwards", s.getsockname(other));
        o.poll("the peer's poll(POLLIN, 1000)", s.poll(new PollFd(peer, IN), 1_000));
        o.address("that datagram comes from", s.recvfrom(peer, 8).from());
        s.close(other);
        s.close(fd);
        s.close(peer);
    }

    static void v6Only(Sockets s, Observer o, Place p) throws Exception {
        int peer = Loopback.udpSocket(s);
        SockAddr.In peerAddress = Loopback.addressOf(s, peer);
        SockAddr.In6 mapped = SockAddr.inet6("::ffff:127.0.0.1", peerAddress.port());
        int udp = s.socket(AF_INET6, SOCK_DGRAM);
        s.setsockopt(udp, SocketOption.IPV6_V6ONLY, 1);
        o.call("UDP connect to a sockaddr_in", () -> s.connect(udp, peerAddress));
        o.call("UDP connect to ::ffff:127.0.0.1", () -> s.connect(udp, mapped));
        o.call("UDP sendto a sockaddr_in", () -> s.sendto(udp, new byte[] {1}, peerAddress));
        int tcp = s.socket(AF_INET6, SOCK_STREAM);
        s.setsockopt(tcp, SocketOption.IPV6_V6ONLY, 1);
        o.call("TCP connect to ::ffff:127.0.0.1", () -> s.connect(tcp, mapped));
        o.call("TCP bind to ::ffff:127.0.0.1", () -> s.bind(tcp, SockAddr.inet6("::ffff:127.0.0.1", 0)));
        s.close(tcp);
        s.close(udp);
        s.close(peer);
    }

    static void unspecEstablished(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.connect(fd, Loopback.addressOf(s, listener));
        int accepted = s.accept(listener);
        o.call("connect AF_UNSPEC", () -> s.connect(fd, SockAddr.unspec()));
        o.address("getsockname", s.getsockname(fd));
        o.call("getpeername", () -> s.getpeername(fd));
        o.poll("the server's poll(POLLIN, 1000)", s.poll(new PollFd(accepted, IN), 1_000));
        o.call("the server's recv", () -> s.recv(accepted, new byte[8]));
        o.call("bind", () -> s.bind(fd, SockAddr.loopback(0)));
        o.call("listen", () -> s.listen(fd, 1));
        s.close(accepted);
        s.close(fd);
        s.close(listener);
    }

    static void unspecUdp(Sockets s, Observer o, Place p) throws Exception {
        int peer = Loopback.udpSocket(s);
        SockAddr.In peerAddress = Loopback.addressOf(s, peer);
        int chosenPort = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(chosenPort, SockAddr.loopback(0));
        s.connect(chosenPort, peerAddress);
        o.call("AF_UNSPEC, bound to 127.0.0.1:0", () -> s.connect(chosenPort, SockAddr.unspec()));
        o.address("getsockname", s.getsockname(chosenPort));
        int probe = Loopback.udpSocket(s);
        SockAddr.In free = Loopback.addressOf(s, probe);
        s.close(probe);
        int fixed = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(fixed, free);
        s.connect(fixed, peerAddress);
        o.call("AF_UNSPEC, bound to 127.0.0.1 and a port", () -> s.connect(fixed, SockAddr.unspec()));
        o.address("getsockname", s.getsockname(fixed));
        int wildcard = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(wildcard, SockAddr.inet("0.0.0.0", 0));
        s.connect(wildcard, peerAddress);
        o.address("connected from", s.getsockname(wildcard));
        o.call("AF_UNSPEC, bound to 0.0.0.0:0", () -> s.connect(wildcard, SockAddr.unspec()));
        o.address("getsockname", s.getsockname(wildcard));
        s.close(wildcard);
        s.close(fixed);
        s.close(chosenPort);
        s.close(peer);
    }

    static void udpShutdown(Sockets s, Observer o, Place p) throws Exception {
        int peer = Loopback.udpSocket(s);
        SockAddr.In peerAddress = Loopback.addressOf(s, peer);
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        s.connect(fd, peerAddress);
        o.call("shutdown(SHUT_WR)", () -> s.shutdown(fd, ShutdownHow.SHUT_WR));
        o.call("send", () -> s.send(fd, new byte[] {1}));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(fd, IN_OUT), 0));
        o.call("connect again", () -> s.connect(fd, peerAddress));
        o.call("send after the reconnect", () -> s.send(fd, new byte[] {1}));
        int unconnected = s.socket(AF_INET, SOCK_DGRAM);
        o.call("shutdown(SHUT_WR) unconnected", () -> s.shutdown(unconnected, ShutdownHow.SHUT_WR));
        o.call("sendto afterwards", () -> s.sendto(unconnected, new byte[] {1}, peerAddress));
        int reader = s.socket(AF_INET, SOCK_DGRAM);
        s.connect(reader, peerAddress);
        o.call("shutdown(SHUT_RD)", () -> s.shutdown(reader, ShutdownHow.SHUT_RD));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(reader, IN_OUT), 0));
        valued(o, "recv", () -> s.recv(reader, new byte[8]));
        s.close(reader);
        s.close(unconnected);
        s.close(fd);
        s.close(peer);
    }

    static void recvAfterRefusal(Sockets s, Observer o, Place p) throws Exception {
        SockAddr.In nobody = Loopback.closedPort(s);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        o.call("connect", () -> s.connect(fd, nobody));
        o.poll("poll(POLLOUT, 2000)", s.poll(new PollFd(fd, OUT), 2_000));
        valued(o, "recv", () -> s.recv(fd, new byte[8]));
        valued(o, "recv again", () -> s.recv(fd, new byte[8]));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(fd, IN_OUT), 0));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        int blocking = s.socket(AF_INET, SOCK_STREAM);
        o.call("a blocking connect", () -> s.connect(blocking, nobody));
        valued(o, "recv after it", () -> s.recv(blocking, new byte[8]));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(blocking, IN_OUT), 0));
        s.close(blocking);
        s.close(fd);
    }

    static void recvAfterReset(Sockets s, Observer o, Place p) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.connect(fd, Loopback.addressOf(s, listener));
        int accepted = s.accept(listener);
        s.setsockopt(accepted, SocketOption.SO_LINGER, 0);
        s.close(accepted);
        o.poll("poll(POLLIN, 1000)", s.poll(new PollFd(fd, IN), 1_000));
        valued(o, "recv", () -> s.recv(fd, new byte[8]));
        valued(o, "recv again", () -> s.recv(fd, new byte[8]));
        o.call("send", () -> s.send(fd, new byte[] {1}));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        o.call("getpeername", () -> s.getpeername(fd));
        s.close(fd);
        s.close(listener);
    }

    static void limitedBroadcast(Sockets s, Observer o, Place p) throws Exception {
        SockAddr.In everyone = SockAddr.inet("255.255.255.255", 9);
        int udp = s.socket(AF_INET, SOCK_DGRAM);
        o.call("UDP connect", () -> s.connect(udp, everyone));
        o.call("UDP sendto", () -> s.sendto(udp, new byte[] {1}, everyone));
        s.setsockopt(udp, SocketOption.SO_BROADCAST, 1);
        o.call("UDP connect with SO_BROADCAST", () -> s.connect(udp, everyone));
        int tcp = s.socket(AF_INET, SOCK_STREAM);
        o.call("TCP connect", () -> s.connect(tcp, everyone));
        s.close(tcp);
        s.close(udp);
    }

    static void unixPaths(Sockets s, Observer o, Place p) throws Exception {
        p.directory("dir");
        p.regularFile("file");
        int fd = s.socket(AF_UNIX, SOCK_STREAM);
        o.call("connect to a directory", () -> s.connect(fd, SockAddr.unix(p.path("dir"))));
        o.call("connect to a regular file", () -> s.connect(fd, SockAddr.unix(p.path("file"))));
        o.call("connect to a missing name", () -> s.connect(fd, SockAddr.unix(p.path("missing"))));
        o.call("connect below a regular file", () -> s.connect(fd, SockAddr.unix(p.path("file") + "/sock")));
        o.call("bind to the directory's name", () -> s.bind(fd, SockAddr.unix(p.path("dir"))));
        o.call("bind below a regular file", () -> s.bind(fd, SockAddr.unix(p.path("file") + "/sock")));
        int bound = s.socket(AF_UNIX, SOCK_STREAM);
        s.bind(bound, SockAddr.unix(p.path("bound")));
        o.call("connect to a bound socket that does not listen", () -> s.connect(fd, SockAddr.unix(p.path("bound"))));
        s.close(bound);
        s.close(fd);
    }

    static void unixNames(Sockets s, Observer o, Place p) throws Exception {
        SockAddr.Un server = SockAddr.unix(p.path("server"));
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        s.bind(listener, server);
        s.listen(listener, 8);
        int named = s.socket(AF_UNIX, SOCK_STREAM);
        s.bind(named, SockAddr.unix(p.path("client")));
        o.call("a bound client connects", () -> s.connect(named, server));
        int accepted = s.accept(listener);
        o.value("the server sees", p.relative(s.getpeername(accepted)));
        o.value("the accepted socket's name", p.relative(s.getsockname(accepted)));
        o.value("the client's peer", p.relative(s.getpeername(named)));
        int unnamed = s.socket(AF_UNIX, SOCK_STREAM);
        s.connect(unnamed, server);
        int second = s.accept(listener);
        o.value("the server sees an unbound client as", p.relative(s.getpeername(second)));
        s.close(second);
        s.close(unnamed);
        s.close(accepted);
        s.close(named);
        s.close(listener);
    }

    static void timeWait(Sockets s, Observer o, Place p) throws Exception {
        SockAddr.In plain = closeServerFirst(s, o, false);
        int again = s.socket(AF_INET, SOCK_STREAM);
        o.call("bind to the server's port", () -> s.bind(again, plain));
        s.setsockopt(again, SocketOption.SO_REUSEADDR, 1);
        o.call("bind with SO_REUSEADDR (the old socket had none)", () -> s.bind(again, plain));
        s.close(again);
        SockAddr.In reusable = closeServerFirst(s, o, true);
        int third = s.socket(AF_INET, SOCK_STREAM);
        s.setsockopt(third, SocketOption.SO_REUSEADDR, 1);
        o.call("bind with SO_REUSEADDR (the old socket had it too)", () -> s.bind(third, reusable));
        o.call("listen there", () -> s.listen(third, 8));
        s.close(third);
    }

    /** A connection whose server end closes first; returns the listener's address, the listener closed. */
    private static SockAddr.In closeServerFirst(Sockets s, Observer o, boolean reuse) throws Exception {
        int listener = s.socket(AF_INET, SOCK_STREAM);
        s.setsockopt(listener, SocketOption.SO_REUSEADDR, reuse ? 1 : 0);
        s.bind(listener, SockAddr.loopback(0));
        s.listen(listener, 8);
        SockAddr.In server = Loopback.addressOf(s, listener);
        int client = s.socket(AF_INET, SOCK_STREAM);
        s.connect(client, server);
        int accepted = s.accept(listener);
        o.call("the server closes first", () -> s.close(accepted));
        o.poll("the client's poll(POLLIN|POLLOUT, 1000)", s.poll(new PollFd(client, IN_OUT), 1_000));
        valued(o, "the client's recv", () -> s.recv(client, new byte[8]));
        o.call("the client closes", () -> s.close(client));
        o.call("the listener closes", () -> s.close(listener));
        return server;
    }

    static void wrongFamilies(Sockets s, Observer o, Place p) throws Exception {
        SockAddr.Un shortPath = SockAddr.unix("/x");
        SockAddr.Un longPath = SockAddr.unix("/a-path-longer-than-sockaddr_in6");
        int tcp = s.socket(AF_INET, SOCK_STREAM);
        o.call("TCP connect to a sockaddr_in6", () -> s.connect(tcp, SockAddr.loopback6(9)));
        o.call("TCP connect to a short sockaddr_un", () -> s.connect(tcp, shortPath));
        o.call("TCP connect to a long sockaddr_un", () -> s.connect(tcp, longPath));
        o.call("TCP sendto, unconnected", () -> s.sendto(tcp, new byte[] {1}, SockAddr.loopback(9)));
        int udp = s.socket(AF_INET, SOCK_DGRAM);
        o.call("UDP connect to a sockaddr_in6", () -> s.connect(udp, SockAddr.loopback6(9)));
        o.address("its name afterwards", s.getsockname(udp));
        int udp2 = s.socket(AF_INET, SOCK_DGRAM);
        o.call("UDP sendto a sockaddr_in6", () -> s.sendto(udp2, new byte[] {1}, SockAddr.loopback6(9)));
        o.address("its name afterwards", s.getsockname(udp2));
        o.call("UDP sendto a sockaddr_un", () -> s.sendto(udp2, new byte[] {1}, longPath));
        o.call("UDP sendto AF_UNSPEC", () -> s.sendto(udp2, new byte[] {1}, SockAddr.unspec()));
        o.call("UDP sendto port 0", () -> s.sendto(udp2, new byte[] {1}, SockAddr.loopback(0)));
        int udp6 = s.socket(AF_INET6, SOCK_DGRAM);
        o.call("UDP6 connect to a short sockaddr_un", () -> s.connect(udp6, shortPath));
        o.call("UDP6 connect to a long sockaddr_un", () -> s.connect(udp6, longPath));
        o.call("UDP6 sendto a sockaddr_un", () -> s.sendto(udp6, new byte[] {1}, longPath));
        o.call("UDP6 sendto AF_UNSPEC", () -> s.sendto(udp6, new byte[] {1}, SockAddr.unspec()));
        int unix = s.socket(AF_UNIX, SOCK_STREAM);
        o.call("AF_UNIX connect to a sockaddr_in", () -> s.connect(unix, SockAddr.loopback(9)));
        int unixDgram = s.socket(AF_UNIX, SOCK_DGRAM);
        o.call("AF_UNIX sendto a sockaddr_in", () -> s.sendto(unixDgram, new byte[] {1}, SockAddr.loopback(9)));
        s.close(unixDgram);
        s.close(unix);
        s.close(udp6);
        s.close(udp2);
        s.close(udp);
        s.close(tcp);
    }

    // ---- where AF_UNIX names live ----

    /** The simulated host's file system, under a fixed folder, so observations never show a random path. */
    private record SimulatedPlace(SimNetwork network) implements Place {
        private static final String ROOT = "/connectkit";

        @Override
        public String path(String name) {
            return ROOT + "/" + name;
        }

        @Override
        public void directory(String name) {
            network.directory(path(name));
        }

        @Override
        public void regularFile(String name) {
            network.file(path(name));
        }

        @Override
        public String relative(SockAddr address) {
            return address.toString().replace("unix:" + ROOT + "/", "unix:$DIR/");
        }
    }

    /** A fresh temporary folder on the real file system, deleted with its contents afterwards. */
    private static final class DiskPlace implements Place, AutoCloseable {
        private final Path root;

        DiskPlace() throws IOException {
            root = Files.createTempDirectory("ck-linux");
        }

        @Override
        public String path(String name) {
            return root + "/" + name;
        }

        @Override
        public void directory(String name) throws IOException {
            Files.createDirectory(root.resolve(name));
        }

        @Override
        public void regularFile(String name) throws IOException {
            Files.createFile(root.resolve(name));
        }

        @Override
        public String relative(SockAddr address) {
            return address.toString().replace("unix:" + root + "/", "unix:$DIR/");
        }

        @Override
        public void close() {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
