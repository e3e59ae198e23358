package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
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

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same scripted scenarios on the real kernel and on the simulator, compared observation by observation:
 * return values, errno, address family and port class, poll flags and SO_ERROR. Any difference fails.
 */
@DisplayName("the simulator agrees with the real kernel")
class DifferentialTest {

    @FunctionalInterface
    interface Scenario {
        void run(Sockets s, Observer o) throws Exception;
    }

    static Stream<Named<Scenario>> scenarios() {
        return Stream.of(
                Named.of("a blocking connect() to a listener", DifferentialTest::blockingConnect),
                Named.of("a non-blocking connect() to a listener: EINPROGRESS, writable, 0 once, EISCONN",
                        DifferentialTest::nonBlockingConnect),
                Named.of("a non-blocking connect() that is refused, and what connect() says afterwards",
                        DifferentialTest::nonBlockingRefused),
                Named.of("a refused blocking connect(), then the same socket connects", DifferentialTest::refusedThenReused),
                Named.of("a pending connect(): EALREADY whatever the address", DifferentialTest::pending),
                Named.of("a UDP peer set, then reset with AF_UNSPEC", DifferentialTest::udpPeer),
                Named.of("a connected UDP socket learns of a closed port", DifferentialTest::udpRefused),
                Named.of("broadcast: EACCES for UDP without SO_BROADCAST, ENETUNREACH for TCP", DifferentialTest::broadcast),
                Named.of("bad addresses and descriptors", DifferentialTest::badArguments),
                Named.of("a fresh TCP socket: its name, its peer, poll, AF_UNSPEC", DifferentialTest::freshSocket),
                Named.of("connect() on a listening socket", DifferentialTest::connectOnListener),
                Named.of("shutdown() of a pending connect", DifferentialTest::shutdownWhilePending),
                Named.of("ETIMEDOUT with TCP_SYNCNT=1, and the socket afterwards", DifferentialTest::timeout),
                Named.of("EINTR, then the attempt completes asynchronously", DifferentialTest::interrupted));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Timeout(30)
    void sameObservations(Scenario scenario) throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        List<String> kernel = observe(Sockets.nativeLibc(), Loopback.ephemeralPortRange(), scenario);
        SimNetwork network = SimNetwork.create();
        List<String> simulated = observe(network.open(), network.ephemeralPortRange(), scenario);

        assertThat(simulated).as("the simulator's observations, compared with the kernel's")
                .containsExactlyElementsOf(kernel);
        network.assertNoOpenSockets();
    }

    private static List<String> observe(Sockets sockets, int[] ephemeral, Scenario scenario) throws Exception {
        try (sockets) {
            Observer o = new Observer(ephemeral);
            scenario.run(sockets, o);
            assertThat(sockets.openDescriptors()).as("the scenario closes what it opens").isEmpty();
            return o.lines();
        }
    }

    private static final EnumSet<PollEvent> OUT = EnumSet.of(PollEvent.POLLOUT);
    private static final EnumSet<PollEvent> IN = EnumSet.of(PollEvent.POLLIN);
    private static final EnumSet<PollEvent> IN_OUT = EnumSet.of(PollEvent.POLLIN, PollEvent.POLLOUT);

    static void blockingConnect(Sockets s, Observer o) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.address("getsockname before", s.getsockname(fd));
        o.call("connect", () -> s.connect(fd, Loopback.addressOf(s, listener)));
        o.address("getsockname after", s.getsockname(fd));
        o.address("getpeername", s.getpeername(fd));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(fd, IN_OUT), 0));
        o.poll("listener poll(POLLIN, 0)", s.poll(new PollFd(listener, IN), 0));
        int accepted = s.accept(listener);
        o.address("accepted peer", s.getpeername(accepted));
        s.close(accepted);
        s.close(fd);
        s.close(listener);
    }

    static void nonBlockingConnect(Sockets s, Observer o) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        SockAddr.In server = Loopback.addressOf(s, listener);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        o.call("connect", () -> s.connect(fd, server));
        o.address("getpeername right after", s.getpeername(fd));
        o.poll("poll(POLLOUT, 0)", s.poll(new PollFd(fd, OUT), 0));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        o.call("connect again", () -> s.connect(fd, server));
        o.call("connect a third time", () -> s.connect(fd, server));
        s.close(fd);
        s.close(listener);
    }

    static void nonBlockingRefused(Sockets s, Observer o) throws Exception {
        SockAddr.In nobody = Loopback.closedPort(s);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        o.call("connect", () -> s.connect(fd, nobody));
        o.poll("poll(POLLOUT, 2000)", s.poll(new PollFd(fd, OUT), 2_000));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        o.value("SO_ERROR again", s.getsockopt(fd, SocketOption.SO_ERROR));
        o.call("connect after reading SO_ERROR", () -> s.connect(fd, nobody));
        o.call("connect once more: a new attempt", () -> s.connect(fd, nobody));
        o.poll("poll(POLLOUT, 2000)", s.poll(new PollFd(fd, OUT), 2_000));
        o.call("connect without reading SO_ERROR", () -> s.connect(fd, nobody));
        s.close(fd);
    }

    static void refusedThenReused(Sockets s, Observer o) throws Exception {
        SockAddr.In nobody = Loopback.closedPort(s);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.call("connect", () -> s.connect(fd, nobody));
        o.address("getsockname after the refusal", s.getsockname(fd));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        int listener = Loopback.tcpListener(s, 8);
        o.call("connect the same socket to a listener", () -> s.connect(fd, Loopback.addressOf(s, listener)));
        s.close(fd);
        s.close(listener);
    }

    static void pending(Sockets s, Observer o) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            o.call("connect", () -> s.connect(fd, busy.address()));
            o.call("connect again", () -> s.connect(fd, busy.address()));
            o.call("connect elsewhere", () -> s.connect(fd, SockAddr.loopback(9)));
            o.poll("poll(POLLOUT, 0)", s.poll(new PollFd(fd, OUT), 0));
            o.call("getpeername", () -> s.getpeername(fd));
            o.address("getsockname", s.getsockname(fd));
            o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
            o.call("send", () -> s.send(fd, new byte[] {1}));
            s.close(fd);
        }
    }

    static void udpPeer(Sockets s, Observer o) throws Exception {
        int peer = Loopback.udpSocket(s);
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        o.call("getpeername before", () -> s.getpeername(fd));
        o.call("connect", () -> s.connect(fd, Loopback.addressOf(s, peer)));
        o.address("getsockname", s.getsockname(fd));
        o.address("getpeername", s.getpeername(fd));
        o.poll("peer poll(POLLIN, 100)", s.poll(new PollFd(peer, IN), 100));
        o.call("connect AF_UNSPEC", () -> s.connect(fd, SockAddr.unspec()));
        o.call("getpeername after", () -> s.getpeername(fd));
        o.address("getsockname after", s.getsockname(fd));
        o.call("send", () -> s.send(fd, new byte[] {1}));
        o.address("getsockname after send: Linux autobinds before it looks for a destination", s.getsockname(fd));
        o.call("connect AF_UNSPEC again", () -> s.connect(fd, SockAddr.unspec()));
        s.close(fd);
        s.close(peer);
    }

    static void udpRefused(Sockets s, Observer o) throws Exception {
        int probe = Loopback.udpSocket(s);
        SockAddr.In nobody = Loopback.addressOf(s, probe);
        s.close(probe);
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        o.call("connect", () -> s.connect(fd, nobody));
        o.call("send", () -> s.send(fd, new byte[] {1}));
        o.poll("poll(POLLIN, 2000)", s.poll(new PollFd(fd, IN), 2_000));
        o.call("recv", () -> s.recv(fd, new byte[8]));
        s.setNonBlocking(fd, true);
        o.call("recv again", () -> s.recv(fd, new byte[8]));
        s.close(fd);
    }

    static void broadcast(Sockets s, Observer o) throws Exception {
        SockAddr.In broadcast = SockAddr.inet("127.255.255.255", 9);
        int udp = s.socket(AF_INET, SOCK_DGRAM);
        o.call("UDP connect", () -> s.connect(udp, broadcast));
        s.setsockopt(udp, SocketOption.SO_BROADCAST, 1);
        o.call("UDP connect with SO_BROADCAST", () -> s.connect(udp, broadcast));
        int tcp = s.socket(AF_INET, SOCK_STREAM);
        o.call("TCP connect", () -> s.connect(tcp, broadcast));
        s.close(udp);
        s.close(tcp);
    }

    static void badArguments(Sockets s, Observer o) throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.call("addrlen 15", () -> s.connect(fd, SockAddr.loopback(9), 15));
        o.call("addrlen 129", () -> s.connect(fd, SockAddr.loopback(9), 129));
        o.call("addrlen 1 with AF_UNSPEC", () -> s.connect(fd, SockAddr.unspec(), 1));
        o.call("an IPv6 address", () -> s.connect(fd, SockAddr.loopback6(9)));
        o.call("TCP_SYNCNT 0", () -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, 0));
        s.close(fd);
        o.call("connect a closed descriptor", () -> s.connect(fd, SockAddr.loopback(9)));
        o.call("close it again", () -> s.close(fd));
    }

    static void freshSocket(Sockets s, Observer o) throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.address("getsockname", s.getsockname(fd));
        o.call("getpeername", () -> s.getpeername(fd));
        o.poll("poll(POLLIN|POLLOUT, 0)", s.poll(new PollFd(fd, IN_OUT), 0));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        o.call("connect AF_UNSPEC", () -> s.connect(fd, SockAddr.unspec()));
        o.call("recv", () -> s.recv(fd, new byte[1]));
        s.close(fd);
    }

    static void connectOnListener(Sockets s, Observer o) throws Exception {
        int listener = Loopback.tcpListener(s, 8);
        o.call("connect", () -> s.connect(listener, Loopback.addressOf(s, listener)));
        s.close(listener);
    }

    static void shutdownWhilePending(Sockets s, Observer o) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            o.call("connect", () -> s.connect(fd, busy.address()));
            o.call("shutdown", () -> s.shutdown(fd, ShutdownHow.SHUT_RDWR));
            o.poll("poll(POLLOUT, 0)", s.poll(new PollFd(fd, OUT), 0));
            o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
            o.call("connect again: a new attempt", () -> s.connect(fd, busy.address()));
            s.close(fd);
        }
    }

    static void timeout(Sockets s, Observer o) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
            o.call("connect", () -> s.connect(fd, busy.address()));
            o.address("getsockname afterwards", s.getsockname(fd));
            o.call("getpeername", () -> s.getpeername(fd));
            o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
            s.close(fd);
        }
    }

    static void interrupted(Sockets s, Observer o) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.alarm(Duration.ofMillis(300));
            o.call("connect", () -> s.connect(fd, busy.address()));
            o.call("getpeername", () -> s.getpeername(fd));
            o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
            s.setNonBlocking(fd, true);
            o.call("connect again, non-blocking", () -> s.connect(fd, busy.address()));
            busy.acceptFillers();
            o.poll("poll(POLLOUT, 10000)", s.poll(new PollFd(fd, OUT), 10_000));
            o.call("connect after completion", () -> s.connect(fd, busy.address()));
            o.call("connect once more", () -> s.connect(fd, busy.address()));
            s.close(fd);
        }
    }
}
