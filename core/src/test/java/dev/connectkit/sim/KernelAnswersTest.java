package dev.connectkit.sim;

import dev.connectkit.conformance.Observer;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_INET6;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Calls in which the API fuzzer ({@code dev.connectkit.fuzz}) found the simulator answering otherwise than the
 * kernel, each written down as the observations Linux gives. The simulator must give exactly these; where the
 * native backend runs, the kernel must give them too, so the expectations cannot drift from what Linux does.
 */
@Timeout(30)
@DisplayName("the simulator answers as the kernel where the API fuzzer once found it did not")
class KernelAnswersTest {

    @FunctionalInterface
    interface Scenario {
        void run(Sockets s, Observer o, Place place) throws Exception;
    }

    /** Where a scenario's AF_UNIX names live: a folder of the simulated host, or a temporary folder on disk. */
    @FunctionalInterface
    interface Place {
        String path(String name);
    }

    record Case(Scenario scenario, List<String> linux) {
    }

    // ---- options: every option on every kind of socket, read and written ----

    private static final AddressFamily[] FAMILIES = {AF_INET, AF_INET6, AF_UNIX};

    /**
     * Every option, read and set to 1, on a fresh socket of every family and type. An option of another protocol
     * level is refused three ways: {@code ip_getsockopt()} says EOPNOTSUPP for a level that is not its own, but
     * {@code ip_setsockopt()} says ENOPROTOOPT; {@code ipv6_getsockopt()} and {@code ipv6_setsockopt()} both say
     * ENOPROTOOPT; AF_UNIX has no protocol options at all ({@code __sys_getsockopt()}: EOPNOTSUPP).
     */
    private static final List<String> OPTIONS = List.of(
            "AF_INET SOCK_STREAM get IPV6_V6ONLY = -1 EOPNOTSUPP",
            "AF_INET SOCK_STREAM set IPV6_V6ONLY = -1 ENOPROTOOPT",
            "AF_INET SOCK_DGRAM get TCP_SYNCNT = -1 EOPNOTSUPP",
            "AF_INET SOCK_DGRAM set TCP_SYNCNT = -1 ENOPROTOOPT",
            "AF_INET SOCK_DGRAM get IPV6_V6ONLY = -1 EOPNOTSUPP",
            "AF_INET SOCK_DGRAM set IPV6_V6ONLY = -1 ENOPROTOOPT",
            "AF_INET6 SOCK_DGRAM get TCP_SYNCNT = -1 ENOPROTOOPT",
            "AF_INET6 SOCK_DGRAM set TCP_SYNCNT = -1 ENOPROTOOPT",
            "AF_UNIX SOCK_STREAM get TCP_SYNCNT = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_STREAM set TCP_SYNCNT = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_STREAM get IPV6_V6ONLY = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_STREAM set IPV6_V6ONLY = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_DGRAM get TCP_SYNCNT = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_DGRAM set TCP_SYNCNT = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_DGRAM get IPV6_V6ONLY = -1 EOPNOTSUPP",
            "AF_UNIX SOCK_DGRAM set IPV6_V6ONLY = -1 EOPNOTSUPP");

    /** The failures of {@link #options}; every other combination succeeds (SO_ERROR cannot be set anywhere). */
    private static List<String> optionFailures(Sockets s) throws ErrnoException {
        List<String> failures = new ArrayList<>();
        for (AddressFamily family : FAMILIES) {
            for (SocketType type : SocketType.values()) {
                for (SocketOption option : SocketOption.values()) {
                    if (option == SocketOption.SO_ERROR) {
                        continue;
                    }
                    String what = family + " " + type + " ";
                    int fd = s.socket(family, type);
                    Outcome get = Outcome.of(() -> s.getsockopt(fd, option));
                    Outcome set = Outcome.of(() -> s.setsockopt(fd, option, 1));
                    s.close(fd);
                    if (!get.succeeded()) {
                        failures.add(what + "get " + option + " = -1 " + get.errno().name());
                    }
                    if (!set.succeeded()) {
                        failures.add(what + "set " + option + " = -1 " + set.errno().name());
                    }
                }
            }
        }
        return failures;
    }

    @Test
    @DisplayName("options of another protocol level: the simulator refuses them as Linux does")
    void optionsInTheSimulator() throws Exception {
        SimNetwork network = SimNetwork.create();
        try (Sockets s = network.open()) {
            assertThat(optionFailures(s)).containsExactlyElementsOf(OPTIONS);
        }
        network.assertNoOpenSockets();
    }

    @Test
    @DisplayName("options of another protocol level: the kernel refuses them so")
    void optionsInTheKernel() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        try (Sockets s = Sockets.nativeLibc()) {
            assertThat(optionFailures(s)).containsExactlyElementsOf(OPTIONS);
        }
    }

    // ---- ephemeral ports ----

    @Test
    @DisplayName("a UDP socket's ephemeral port is not a TCP listener's: connecting to it is refused")
    void udpAndTcpPortsDiffer() throws Exception {
        // Linux picks ephemeral ports at random, so the two protocols seldom share a number; the simulator, which
        // counts instead, must not hand both the same one (the kernel is not asked: its choice is a matter of luck).
        SimNetwork network = SimNetwork.create();
        try (Sockets s = network.open()) {
            int udp = s.socket(AF_INET, SOCK_DGRAM);
            s.bind(udp, SockAddr.loopback(0));
            int listener = Loopback.tcpListener(s, 8);
            SockAddr.In udpName = Loopback.addressOf(s, udp);
            assertThat(Loopback.addressOf(s, listener).port()).as("the TCP listener's port")
                    .isNotEqualTo(udpName.port());
            int client = s.socket(AF_INET, SOCK_STREAM);
            assertThat(Outcome.of(() -> s.connect(client, udpName))).as("a TCP connect() to the UDP socket's port")
                    .isEqualTo(Outcome.failed(Errno.ECONNREFUSED));
            s.close(client);
            s.close(listener);
            s.close(udp);
        }
        network.assertNoOpenSockets();
    }

    @Test
    @DisplayName("sendto(AF_UNSPEC) on an AF_INET6 socket with an IPv4 peer goes to IPv6's routing: no route here")
    void unspecToAnIpv4PeerIsRoutedByIpv6() throws Exception {
        // udpv6_sendmsg() sends to the peer v4-mapped, through IPv6: a machine with an IPv6 default route sends the
        // datagram off loopback and returns its length, one without says ENETUNREACH, as the simulated host does.
        SimNetwork network = SimNetwork.create();
        try (Sockets s = network.open()) {
            int fd = s.socket(AF_INET6, SOCK_DGRAM);
            s.connect(fd, SockAddr.loopback(9));
            assertThat(Outcome.of(() -> s.sendto(fd, new byte[1], SockAddr.unspec())))
                    .isEqualTo(Outcome.failed(Errno.ENETUNREACH));
            assertThat(Outcome.of(() -> s.send(fd, new byte[1]))).as("send() goes as IPv4")
                    .isEqualTo(Outcome.success());
            s.close(fd);
        }
        network.assertNoOpenSockets();
    }

    // ---- scenarios ----

    static Stream<Named<Case>> cases() {
        return Stream.of(
                Named.of("a zero-length recv() on TCP makes tcp_recvmsg()'s checks, as any other",
                        new Case(KernelAnswersTest::zeroLengthTcpReads, List.of(
                                "recv(0) before any connect = -1 ENOTCONN",
                                "recvfrom(0) before any connect = -1 ENOTCONN",
                                "recv(0) on a listener = -1 ENOTCONN",
                                "recv(0) connected, nothing queued = -1 EAGAIN",
                                "recv(0) with 3 bytes queued = 0",
                                "recvfrom(0) with 3 bytes queued = 0",
                                "recv(10) afterwards = 3",
                                "recv(0) after the peer's FIN = 0"))),
                Named.of("AF_UNIX shut down for reading: a non-blocking datagram read says EAGAIN, a stream read 0",
                        new Case(KernelAnswersTest::unixReadShutdown, List.of(
                                "datagram shutdown(SHUT_RD) = 0",
                                "datagram recv, non-blocking = -1 EAGAIN",
                                "datagram recvfrom, non-blocking = -1 EAGAIN",
                                "datagram recv, blocking = 0",
                                "stream shutdown(SHUT_RD) = 0",
                                "stream recv, non-blocking = 0"))),
                Named.of("AF_UNIX connect() with an explicit length: the kernel reads that much of sun_path",
                        new Case(KernelAnswersTest::unixAddressLengths, List.of(
                                "stream, the unnamed address, addrlen 2 = -1 EINVAL",
                                "stream, the unnamed address, addrlen 8 (an abstract name of zeros) = -1 ECONNREFUSED",
                                "stream, the unnamed address, addrlen 110 = -1 ECONNREFUSED",
                                "stream, the unnamed address, addrlen 111 = -1 EINVAL",
                                "stream, the path cut short = -1 ENOENT",
                                "stream, the path cut to its folder = -1 ECONNREFUSED",
                                "stream, the path, addrlen 110 (zero-padded) = 0",
                                "datagram, AF_UNSPEC, addrlen 0 = -1 EINVAL",
                                "datagram, AF_UNSPEC, addrlen 1 = -1 EINVAL",
                                "datagram, AF_UNSPEC, addrlen 2 = 0",
                                "datagram, the unnamed address, addrlen 16 = -1 ECONNREFUSED"))),
                Named.of("an AF_UNIX datagram send: the address, the size, the sender's shutdown, then the receiver",
                        new Case(KernelAnswersTest::unixDatagramSendOrder, List.of(
                                "send 300,000 bytes, unconnected = -1 EMSGSIZE",
                                "sendto a missing name 300,000 bytes = -1 EMSGSIZE",
                                "send, unconnected = -1 ENOTCONN",
                                "shutdown(SHUT_WR) = 0",
                                "sendto a missing name = -1 EPIPE",
                                "sendto the unnamed address = -1 EINVAL",
                                "send, unconnected = -1 EPIPE",
                                "sendto a bound socket = -1 EPIPE"))),
                Named.of("an AF_INET6 UDP socket whose IPv6 name a route chose still talks IPv4; one bind() chose"
                                + " does not",
                        new Case(KernelAnswersTest::udp6NameAndIpv4, List.of(
                                "connect to ::1 = 0",
                                "getsockname = [::1]:ephemeral",
                                "sendto an IPv4 socket = 1",
                                "the datagram comes from = 127.0.0.1:ephemeral",
                                "connect to 127.255.255.255 = -1 EACCES",
                                "connect to 127.0.0.1 = 0",
                                "getsockname afterwards = [::1]:ephemeral",
                                "bound to ::1, connect to a sockaddr_in = -1 EAFNOSUPPORT",
                                "bound to ::1, connect to ::ffff:127.0.0.1 = -1 ENETUNREACH",
                                "bound to ::1, sendto a sockaddr_in = -1 ENETUNREACH"))),
                Named.of("UDP peers with port 0: an AF_INET6 socket sends to an IPv4 one as an explicit sockaddr_in",
                        new Case(KernelAnswersTest::udpPortZeroPeers, List.of(
                                "AF_INET, connected to 127.0.0.1:0, send 0 bytes = 0",
                                "AF_INET6, connected to 127.0.0.1:0, send 0 bytes = -1 EINVAL",
                                "AF_INET6, connected to ::ffff:127.0.0.1:0, send = -1 EINVAL",
                                "AF_INET6, connected to [::1]:0, send 0 bytes = 0",
                                "AF_INET6, connected to [::1]:1, sendto AF_UNSPEC = 1",
                                "AF_INET6, unconnected, sendto AF_UNSPEC = -1 EDESTADDRREQ"))),
                Named.of("shutdown() of a failed attempt no connect() reported: connect() says EINVAL until AF_UNSPEC",
                        new Case(KernelAnswersTest::shutdownAfterFailedAttempt, List.of(
                                "connect to port 0 = -1 EINPROGRESS",
                                "poll(POLLOUT, 1000) -> [POLLOUT, POLLERR, POLLHUP]",
                                "shutdown(SHUT_RD) = -1 ENOTCONN",
                                "connect again = -1 EINVAL",
                                "connect to an AF_UNIX name = -1 EINVAL",
                                "connect(AF_UNSPEC) = 0",
                                "connect again = -1 EINPROGRESS"))),
                Named.of("bind() to an IPv6 address makes an AF_INET6 socket IPv6-only",
                        new Case(KernelAnswersTest::bindMakesIpv6Only, List.of(
                                "TCP bound to ::1: IPV6_V6ONLY = 1",
                                "TCP bound to ::: IPV6_V6ONLY = 0",
                                "TCP bound to ::ffff:127.0.0.1: IPV6_V6ONLY = 0",
                                "UDP bound to ::1: IPV6_V6ONLY = 1",
                                "UDP bound to ::1, then disconnected: IPV6_V6ONLY = 1",
                                "UDP connected to ::1: IPV6_V6ONLY = 0"))),
                Named.of("a TCP socket bound to a broadcast address connects from the route's source",
                        new Case(KernelAnswersTest::tcpBoundToBroadcast, List.of(
                                "bind to 127.255.255.255 = 0",
                                "connect = 0",
                                "getsockname = 127.0.0.1:ephemeral",
                                "another socket binds to 127.255.255.255 and that port = 0",
                                "another socket binds to 127.0.0.1 and that port = -1 EADDRINUSE"))),
                Named.of("an AF_INET6 TCP socket that once connected v4-mapped never reaches IPv6 again",
                        new Case(KernelAnswersTest::tcp6AfterMappedAttempt, List.of(
                                "connect to ::ffff:127.0.0.1 port 0 = -1 EINPROGRESS",
                                "poll(POLLOUT, 1000) -> [POLLOUT, POLLERR, POLLHUP]",
                                "connect again = -1 ECONNREFUSED",
                                "connect to an IPv6 listener = -1 EINPROGRESS",
                                "poll(POLLOUT, 100) -> []",
                                "connect again = -1 EALREADY",
                                "the listener's accept = -1 EAGAIN"))),
                Named.of("an AF_INET6 socket bound to ::ffff:0.0.0.0 has a v4-mapped name: IPv6 is out of its reach",
                        new Case(KernelAnswersTest::mappedWildcardName, List.of(
                                "TCP connect to ::1 = -1 EAFNOSUPPORT",
                                "UDP connect to ::1 = -1 EAFNOSUPPORT",
                                "UDP sendto ::1 = -1 EAFNOSUPPORT",
                                "UDP connect to :: = 0",
                                "its peer = [::ffff:7f00:1]:fixed"))),
                Named.of("a socket connected to itself after shutdown(SHUT_WR) sends its FIN at once and ends in"
                                + " TIME_WAIT",
                        new Case(KernelAnswersTest::selfConnectAfterShutdown, List.of(
                                "shutdown(SHUT_WR) = -1 ENOTCONN",
                                "connect to itself = -1 EINPROGRESS",
                                "poll(POLLIN|POLLOUT, 1000) -> [POLLIN, POLLOUT, POLLHUP]",
                                "getpeername = -1 ENOTCONN",
                                "recv = 0",
                                "connect again = -1 ECONNABORTED",
                                "bind to its old name = -1 EADDRINUSE",
                                "getsockname after the failed bind = 0.0.0.0:ephemeral",
                                "listen = 0",
                                "getsockname = 0.0.0.0:ephemeral"))),
                Named.of("the ICMP error for a UDP datagram finds its sender by the datagram's source address",
                        new Case(KernelAnswersTest::icmpFindsTheSenderByItsSource, List.of(
                                "bound to 127.255.255.255, connected to port 0: send = 1",
                                "poll(POLLIN, 100) -> []",
                                "recv = -1 EAGAIN",
                                "AF_INET6 named [::1], connected to 127.0.0.1 port 1: send = 1",
                                "poll(POLLIN, 100) -> []",
                                "recv = -1 EAGAIN"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the simulator gives Linux's observations")
    void simulatorAgrees(Case c) throws Exception {
        SimNetwork network = SimNetwork.create();
        assertThat(observe(network.open(), network.ephemeralPortRange(), c.scenario(), name -> "/connectkit/" + name))
                .as("the simulator's observations, against Linux's").containsExactlyElementsOf(c.linux());
        network.assertNoOpenSockets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the kernel gives them too")
    void kernelAgrees(Case c) throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Path folder = Files.createTempDirectory("ck-kernel-answers");
        try {
            assertThat(observe(Sockets.nativeLibc(), Loopback.ephemeralPortRange(), c.scenario(),
                    name -> folder.resolve(name).toString()))
                    .as("the kernel's observations, against those written here").containsExactlyElementsOf(c.linux());
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
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

    static void zeroLengthTcpReads(Sockets s, Observer o, Place place) throws Exception {
        int fresh = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fresh, true);
        valued(o, "recv(0) before any connect", () -> s.recv(fresh, new byte[0]));
        valued(o, "recvfrom(0) before any connect", () -> s.recvfrom(fresh, 0).data().length);
        int listener = Loopback.tcpListener(s, 8);
        valued(o, "recv(0) on a listener", () -> s.recv(listener, new byte[0]));
        int client = s.socket(AF_INET, SOCK_STREAM);
        s.connect(client, Loopback.addressOf(s, listener));
        int server = s.accept(listener);
        s.setNonBlocking(client, true);
        valued(o, "recv(0) connected, nothing queued", () -> s.recv(client, new byte[0]));
        s.send(server, new byte[] {1, 2, 3});
        s.poll(new PollFd(client, EnumSet.of(PollEvent.POLLIN)), 1000);
        valued(o, "recv(0) with 3 bytes queued", () -> s.recv(client, new byte[0]));
        valued(o, "recvfrom(0) with 3 bytes queued", () -> s.recvfrom(client, 0).data().length);
        valued(o, "recv(10) afterwards", () -> s.recv(client, new byte[10]));
        s.shutdown(server, ShutdownHow.SHUT_WR);
        s.poll(new PollFd(client, EnumSet.of(PollEvent.POLLIN)), 1000);
        valued(o, "recv(0) after the peer's FIN", () -> s.recv(client, new byte[0]));
        s.close(client);
        s.close(server);
        s.close(listener);
        s.close(fresh);
    }

    static void unixReadShutdown(Sockets s, Observer o, Place place) throws Exception {
        int datagram = s.socket(AF_UNIX, SOCK_DGRAM);
        o.call("datagram shutdown(SHUT_RD)", () -> s.shutdown(datagram, ShutdownHow.SHUT_RD));
        s.setNonBlocking(datagram, true);
        valued(o, "datagram recv, non-blocking", () -> s.recv(datagram, new byte[10]));
        valued(o, "datagram recvfrom, non-blocking", () -> s.recvfrom(datagram, 10).data().length);
        s.setNonBlocking(datagram, false);
        valued(o, "datagram recv, blocking", () -> s.recv(datagram, new byte[10]));
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        SockAddr.Un name = SockAddr.unix(place.path("listener"));
        s.bind(listener, name);
        s.listen(listener, 8);
        int client = s.socket(AF_UNIX, SOCK_STREAM);
        s.connect(client, name);
        int server = s.accept(listener);
        o.call("stream shutdown(SHUT_RD)", () -> s.shutdown(client, ShutdownHow.SHUT_RD));
        s.setNonBlocking(client, true);
        valued(o, "stream recv, non-blocking", () -> s.recv(client, new byte[10]));
        s.close(server);
        s.close(client);
        s.close(listener);
        s.close(datagram);
    }

    static void unixAddressLengths(Sockets s, Observer o, Place place) throws Exception {
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        String path = place.path("listener");
        s.bind(listener, SockAddr.unix(path));
        s.listen(listener, 8);
        SockAddr.Un unnamed = SockAddr.unix("");
        int client = s.socket(AF_UNIX, SOCK_STREAM);
        o.call("stream, the unnamed address, addrlen 2", () -> s.connect(client, unnamed, 2));
        o.call("stream, the unnamed address, addrlen 8 (an abstract name of zeros)",
                () -> s.connect(client, unnamed, 8));
        o.call("stream, the unnamed address, addrlen 110", () -> s.connect(client, unnamed, 110));
        o.call("stream, the unnamed address, addrlen 111", () -> s.connect(client, unnamed, 111));
        int length = 2 + path.length(); // sun_family and the path, without its NUL
        o.call("stream, the path cut short", () -> s.connect(client, SockAddr.unix(path), length - 3));
        int folder = 2 + path.lastIndexOf('/');
        o.call("stream, the path cut to its folder", () -> s.connect(client, SockAddr.unix(path), folder));
        o.call("stream, the path, addrlen 110 (zero-padded)", () -> s.connect(client, SockAddr.unix(path), 110));
        int datagram = s.socket(AF_UNIX, SOCK_DGRAM);
        o.call("datagram, AF_UNSPEC, addrlen 0", () -> s.connect(datagram, SockAddr.unspec(), 0));
        o.call("datagram, AF_UNSPEC, addrlen 1", () -> s.connect(datagram, SockAddr.unspec(), 1));
        o.call("datagram, AF_UNSPEC, addrlen 2", () -> s.connect(datagram, SockAddr.unspec(), 2));
        o.call("datagram, the unnamed address, addrlen 16", () -> s.connect(datagram, unnamed, 16));
        s.close(datagram);
        s.close(s.accept(listener));
        s.close(client);
        s.close(listener);
    }

    static void unixDatagramSendOrder(Sockets s, Observer o, Place place) throws Exception {
        int bound = s.socket(AF_UNIX, SOCK_DGRAM);
        s.bind(bound, SockAddr.unix(place.path("bound")));
        int sender = s.socket(AF_UNIX, SOCK_DGRAM);
        byte[] tooLong = new byte[300_000]; // more than the send buffer (212,992 bytes) can ever hold
        o.call("send 300,000 bytes, unconnected", () -> s.send(sender, tooLong));
        o.call("sendto a missing name 300,000 bytes",
                () -> s.sendto(sender, tooLong, SockAddr.unix(place.path("missing"))));
        o.call("send, unconnected", () -> s.send(sender, new byte[1]));
        o.call("shutdown(SHUT_WR)", () -> s.shutdown(sender, ShutdownHow.SHUT_WR));
        o.call("sendto a missing name", () -> s.sendto(sender, new byte[1], SockAddr.unix(place.path("missing"))));
        o.call("sendto the unnamed address", () -> s.sendto(sender, new byte[1], SockAddr.unix("")));
        o.call("send, unconnected", () -> s.send(sender, new byte[1]));
        o.call("sendto a bound socket", () -> s.sendto(sender, new byte[1], SockAddr.unix(place.path("bound"))));
        s.close(sender);
        s.close(bound);
    }

    static void udp6NameAndIpv4(Sockets s, Observer o, Place place) throws Exception {
        int receiver = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(receiver, SockAddr.loopback(0));
        int routed = s.socket(AF_INET6, SOCK_DGRAM);
        o.call("connect to ::1", () -> s.connect(routed, SockAddr.loopback6(9)));
        o.address("getsockname", s.getsockname(routed));
        valued(o, "sendto an IPv4 socket", () -> s.sendto(routed, new byte[1], s.getsockname(receiver)));
        s.poll(new PollFd(receiver, EnumSet.of(PollEvent.POLLIN)), 1000);
        s.setNonBlocking(receiver, true);
        try {
            o.address("the datagram comes from", s.recvfrom(receiver, 10).from());
        } catch (ErrnoException e) {
            o.value("the datagram comes from", "-1 " + e.errno().name());
        }
        o.call("connect to 127.255.255.255", () -> s.connect(routed, SockAddr.inet("127.255.255.255", 9)));
        o.call("connect to 127.0.0.1", () -> s.connect(routed, SockAddr.loopback(9)));
        o.address("getsockname afterwards", s.getsockname(routed));
        int bound = s.socket(AF_INET6, SOCK_DGRAM);
        s.bind(bound, SockAddr.loopback6(0));
        o.call("bound to ::1, connect to a sockaddr_in", () -> s.connect(bound, SockAddr.loopback(9)));
        o.call("bound to ::1, connect to ::ffff:127.0.0.1",
                () -> s.connect(bound, SockAddr.inet6("::ffff:127.0.0.1", 9)));
        valued(o, "bound to ::1, sendto a sockaddr_in", () -> s.sendto(bound, new byte[1], SockAddr.loopback(9)));
        s.close(bound);
        s.close(routed);
        s.close(receiver);
    }

    static void udpPortZeroPeers(Sockets s, Observer o, Place place) throws Exception {
        int v4 = s.socket(AF_INET, SOCK_DGRAM);
        s.connect(v4, SockAddr.loopback(0));
        valued(o, "AF_INET, connected to 127.0.0.1:0, send 0 bytes", () -> s.send(v4, new byte[0]));
        int v6 = s.socket(AF_INET6, SOCK_DGRAM);
        s.connect(v6, SockAddr.loopback(0));
        valued(o, "AF_INET6, connected to 127.0.0.1:0, send 0 bytes", () -> s.send(v6, new byte[0]));
        s.connect(v6, SockAddr.inet6("::ffff:127.0.0.1", 0));
        valued(o, "AF_INET6, connected to ::ffff:127.0.0.1:0, send", () -> s.send(v6, new byte[1]));
        int toPortZero = s.socket(AF_INET6, SOCK_DGRAM);
        s.connect(toPortZero, SockAddr.loopback6(0));
        valued(o, "AF_INET6, connected to [::1]:0, send 0 bytes", () -> s.send(toPortZero, new byte[0]));
        // a socket of its own: the ICMP error the datagram above may bring is rate-limited on a busy machine
        int v6peer = s.socket(AF_INET6, SOCK_DGRAM);
        s.connect(v6peer, SockAddr.loopback6(1));
        valued(o, "AF_INET6, connected to [::1]:1, sendto AF_UNSPEC",
                () -> s.sendto(v6peer, new byte[1], SockAddr.unspec()));
        int unconnected = s.socket(AF_INET6, SOCK_DGRAM);
        valued(o, "AF_INET6, unconnected, sendto AF_UNSPEC",
                () -> s.sendto(unconnected, new byte[1], SockAddr.unspec()));
        s.close(unconnected);
        s.close(v6peer);
        s.close(toPortZero);
        s.close(v6);
        s.close(v4);
    }

    static void shutdownAfterFailedAttempt(Sockets s, Observer o, Place place) throws Exception {
        SockAddr.In nobody = SockAddr.loopback(0); // nothing ever listens on port 0: the attempt is refused
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        o.call("connect to port 0", () -> s.connect(fd, nobody));
        o.poll("poll(POLLOUT, 1000)", s.poll(new PollFd(fd, EnumSet.of(PollEvent.POLLOUT)), 1000));
        o.call("shutdown(SHUT_RD)", () -> s.shutdown(fd, ShutdownHow.SHUT_RD));
        o.call("connect again", () -> s.connect(fd, nobody));
        o.call("connect to an AF_UNIX name", () -> s.connect(fd, SockAddr.unix(place.path("name"))));
        o.call("connect(AF_UNSPEC)", () -> s.connect(fd, SockAddr.unspec()));
        o.call("connect again", () -> s.connect(fd, nobody));
        s.close(fd);
    }

    static void bindMakesIpv6Only(Sockets s, Observer o, Place place) throws Exception {
        for (String name : List.of("::1", "::", "::ffff:127.0.0.1")) {
            int tcp = s.socket(AF_INET6, SOCK_STREAM);
            s.bind(tcp, SockAddr.inet6(name, 0));
            valued(o, "TCP bound to " + name + ": IPV6_V6ONLY", () -> s.getsockopt(tcp, SocketOption.IPV6_V6ONLY));
            s.close(tcp);
        }
        int udp = s.socket(AF_INET6, SOCK_DGRAM);
        s.bind(udp, SockAddr.loopback6(0));
        valued(o, "UDP bound to ::1: IPV6_V6ONLY", () -> s.getsockopt(udp, SocketOption.IPV6_V6ONLY));
        s.connect(udp, SockAddr.loopback6(9));
        s.connect(udp, SockAddr.unspec());
        valued(o, "UDP bound to ::1, then disconnected: IPV6_V6ONLY",
                () -> s.getsockopt(udp, SocketOption.IPV6_V6ONLY));
        int connected = s.socket(AF_INET6, SOCK_DGRAM);
        s.connect(connected, SockAddr.loopback6(9));
        valued(o, "UDP connected to ::1: IPV6_V6ONLY", () -> s.getsockopt(connected, SocketOption.IPV6_V6ONLY));
        s.close(connected);
        s.close(udp);
    }

    static void tcpBoundToBroadcast(Sockets s, Observer o, Place place) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.call("bind to 127.255.255.255", () -> s.bind(fd, SockAddr.inet("127.255.255.255", 0)));
        int port = Loopback.addressOf(s, fd).port();
        o.call("connect", () -> s.connect(fd, Loopback.addressOf(s, listener)));
        o.address("getsockname", s.getsockname(fd));
        int other = s.socket(AF_INET, SOCK_STREAM);
        o.call("another socket binds to 127.255.255.255 and that port",
                () -> s.bind(other, SockAddr.inet("127.255.255.255", port)));
        int third = s.socket(AF_INET, SOCK_STREAM);
        o.call("another socket binds to 127.0.0.1 and that port", () -> s.bind(third, SockAddr.loopback(port)));
        s.close(third);
        s.close(other);
        s.close(s.accept(listener));
        s.close(fd);
        s.close(listener);
    }

    static void tcp6AfterMappedAttempt(Sockets s, Observer o, Place place) throws Exception {
        int listener = s.socket(AF_INET6, SOCK_STREAM);
        s.bind(listener, SockAddr.loopback6(0));
        s.listen(listener, 8);
        s.setNonBlocking(listener, true);
        int fd = s.socket(AF_INET6, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        SockAddr.In6 nobody = SockAddr.inet6("::ffff:127.0.0.1", 0); // nothing ever listens on port 0
        o.call("connect to ::ffff:127.0.0.1 port 0", () -> s.connect(fd, nobody));
        o.poll("poll(POLLOUT, 1000)", s.poll(new PollFd(fd, EnumSet.of(PollEvent.POLLOUT)), 1000));
        o.call("connect again", () -> s.connect(fd, nobody));
        SockAddr ipv6 = s.getsockname(listener);
        o.call("connect to an IPv6 listener", () -> s.connect(fd, ipv6));
        // a SYN on loopback is answered at once: 100 ms without an answer means none is coming
        o.poll("poll(POLLOUT, 100)", s.poll(new PollFd(fd, EnumSet.of(PollEvent.POLLOUT)), 100));
        o.call("connect again", () -> s.connect(fd, ipv6));
        o.call("the listener's accept", () -> s.close(s.accept(listener)));
        s.close(fd);
        s.close(listener);
    }

    static void mappedWildcardName(Sockets s, Observer o, Place place) throws Exception {
        SockAddr.In6 mappedAny = SockAddr.inet6("::ffff:0.0.0.0", 0);
        int tcp = s.socket(AF_INET6, SOCK_STREAM);
        s.bind(tcp, mappedAny);
        o.call("TCP connect to ::1", () -> s.connect(tcp, SockAddr.loopback6(9)));
        int udp = s.socket(AF_INET6, SOCK_DGRAM);
        s.bind(udp, mappedAny);
        o.call("UDP connect to ::1", () -> s.connect(udp, SockAddr.loopback6(9)));
        o.call("UDP sendto ::1", () -> s.sendto(udp, new byte[1], SockAddr.loopback6(9)));
        o.call("UDP connect to ::", () -> s.connect(udp, SockAddr.inet6("::", 9)));
        o.address("its peer", s.getpeername(udp));
        s.close(udp);
        s.close(tcp);
    }

    static void selfConnectAfterShutdown(Sockets s, Observer o, Place place) throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        o.call("shutdown(SHUT_WR)", () -> s.shutdown(fd, ShutdownHow.SHUT_WR));
        s.bind(fd, SockAddr.loopback(0));
        SockAddr.In self = Loopback.addressOf(s, fd);
        o.call("connect to itself", () -> s.connect(fd, self));
        // the FIN goes to itself and comes back: when POLLHUP shows, the connection is over (TIME_WAIT)
        Set<PollEvent> revents = EnumSet.noneOf(PollEvent.class);
        for (int tries = 0; tries < 10 && !revents.contains(PollEvent.POLLHUP); tries++) { // at most 1 s
            revents = s.poll(new PollFd(fd, EnumSet.of(PollEvent.POLLIN, PollEvent.POLLOUT)), 100);
        }
        o.poll("poll(POLLIN|POLLOUT, 1000)", revents);
        o.call("getpeername", () -> s.getpeername(fd));
        valued(o, "recv", () -> s.recv(fd, new byte[10]));
        o.call("connect again", () -> s.connect(fd, self));
        o.call("bind to its old name", () -> s.bind(fd, self)); // the time-wait socket holds it
        o.address("getsockname after the failed bind", s.getsockname(fd));
        o.call("listen", () -> s.listen(fd, 8));
        o.address("getsockname", s.getsockname(fd));
        s.close(fd);
    }

    static void icmpFindsTheSenderByItsSource(Sockets s, Observer o, Place place) throws Exception {
        // Each datagram goes from 127.0.0.1 to a port nobody has and is refused, but its sender does not take
        // 127.0.0.1: one is bound to the broadcast address, the other named by IPv6 (the ICMP error that would
        // report it comes at once on loopback: 100 ms without it means it found nobody)
        int broadcast = s.socket(AF_INET, SOCK_DGRAM);
        s.setNonBlocking(broadcast, true);
        s.bind(broadcast, SockAddr.inet("127.255.255.255", 0));
        s.connect(broadcast, SockAddr.loopback(0));
        valued(o, "bound to 127.255.255.255, connected to port 0: send", () -> s.send(broadcast, new byte[1]));
        o.poll("poll(POLLIN, 100)", s.poll(new PollFd(broadcast, EnumSet.of(PollEvent.POLLIN)), 100));
        valued(o, "recv", () -> s.recv(broadcast, new byte[1]));
        int v6 = s.socket(AF_INET6, SOCK_DGRAM);
        s.setNonBlocking(v6, true);
        s.connect(v6, SockAddr.loopback6(1));
        s.connect(v6, SockAddr.loopback(1)); // not port 0: an AF_INET6 socket refuses to send there (EINVAL)
        valued(o, "AF_INET6 named [::1], connected to 127.0.0.1 port 1: send", () -> s.send(v6, new byte[1]));
        o.poll("poll(POLLIN, 100)", s.poll(new PollFd(v6, EnumSet.of(PollEvent.POLLIN)), 100));
        valued(o, "recv", () -> s.recv(v6, new byte[1]));
        s.close(v6);
        s.close(broadcast);
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
}
