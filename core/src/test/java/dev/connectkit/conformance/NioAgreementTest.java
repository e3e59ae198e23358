package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.PollEvent.POLLIN;
import static dev.connectkit.posix.PollEvent.POLLOUT;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The java.nio backend against the real kernel, observation by observation, where Java's channels and Linux's
 * sockets part ways: the end of an attempt, a reset, an ICMP error, a second peer, shutdown() of what is not a
 * connected stream. Each scenario failed before the nio backend learnt to answer as the kernel does.
 */
@DisplayName("the java.nio backend agrees with the kernel")
class NioAgreementTest {
    private static final int PROMPTLY = 2_000;
    private static final Set<PollEvent> BOTH = EnumSet.of(POLLIN, POLLOUT);

    @FunctionalInterface
    interface Scenario {
        void run(Sockets s, Observer o) throws Exception;
    }

    static Stream<Named<Scenario>> scenarios() {
        return Stream.of(
                Named.of("a fresh TCP socket polls POLLOUT|POLLHUP", NioAgreementTest::freshSocket),
                Named.of("a refused attempt: POLLIN|POLLOUT|POLLERR|POLLHUP, the error once, then 0",
                        NioAgreementTest::refused),
                Named.of("a reset connection: POLLERR|POLLHUP, ECONNRESET once, then 0", NioAgreementTest::reset),
                Named.of("a connected datagram socket learns of a closed port: POLLERR, then ECONNREFUSED",
                        NioAgreementTest::icmpError),
                Named.of("a datagram socket connects to a second peer", NioAgreementTest::secondPeer),
                Named.of("shutdown() of a listener: accept says EINVAL, connections are refused",
                        NioAgreementTest::shutdownListener),
                Named.of("shutdown() of a pending attempt aborts it", NioAgreementTest::shutdownPending),
                Named.of("shutdown() of datagram sockets: ENOTCONN without a peer, EPIPE after SHUT_WR",
                        NioAgreementTest::shutdownDatagram),
                Named.of("recv() on a pending attempt: EAGAIN, then the attempt's error", NioAgreementTest::recvPending));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Timeout(20)
    void sameObservations(Scenario scenario) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sockets.nativeUnavailableReason().isEmpty());
        List<String> kernel = observe(Sockets.nativeLibc(), scenario);
        List<String> nio = observe(Sockets.nio(), scenario);
        assertThat(nio).as("java.nio's observations, compared with the kernel's").containsExactlyElementsOf(kernel);
    }

    private static List<String> observe(Sockets sockets, Scenario scenario) throws Exception {
        try (sockets) {
            Observer o = new Observer(Loopback.ephemeralPortRange());
            scenario.run(sockets, o);
            assertThat(sockets.openDescriptors()).as("the scenario closes what it opens").isEmpty();
            return o.lines();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void freshSocket(Sockets s, Observer o) throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.poll("poll(fresh, IN|OUT)", s.poll(new PollFd(fd, BOTH), 0));
        o.call("recv(fresh)", () -> s.recv(fd, new byte[8]));
        s.close(fd);
    }

    static void refused(Sockets s, Observer o) throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        SockAddr nobody = Loopback.closedPort(s);
        o.call("connect(closed port)", () -> s.connect(fd, nobody));
        o.poll("poll(IN|OUT)", s.poll(new PollFd(fd, BOTH), PROMPTLY));
        o.call("recv", () -> s.recv(fd, new byte[8]));
        o.call("recv again", () -> s.recv(fd, new byte[8]));
        o.poll("poll(IN|OUT) after the error was read", s.poll(new PollFd(fd, BOTH), 0));
        o.call("connect again", () -> s.connect(fd, nobody));
        o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
        s.close(fd);
    }

    static void reset(Sockets s, Observer o) throws Exception {
        int listener = Loopback.tcpListener(s, 1);
        SockAddr.In address = Loopback.addressOf(s, listener);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.connect(fd, address);
        int peer = s.accept(listener);
        s.setsockopt(peer, SocketOption.SO_LINGER, 0);
        s.close(peer); // with SO_LINGER 0: a RST
        o.poll("poll(IN|OUT) after the RST", s.poll(new PollFd(fd, BOTH), PROMPTLY));
        o.call("recv", () -> s.recv(fd, new byte[8]));
        o.call("recv again", () -> s.recv(fd, new byte[8]));
        s.close(fd);
        s.close(listener);
    }

    static void icmpError(Sockets s, Observer o) throws Exception {
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        SockAddr nobody = Loopback.closedUdpPort(s);
        o.call("connect(closed UDP port)", () -> s.connect(fd, nobody));
        o.call("send", () -> s.send(fd, bytes("anyone?")));
        o.poll("poll(IN|OUT)", s.poll(new PollFd(fd, BOTH), PROMPTLY));
        o.call("recv", () -> s.recv(fd, new byte[8]));
        o.value("SO_ERROR after recv", s.getsockopt(fd, SocketOption.SO_ERROR));
        s.close(fd);
    }

    static void secondPeer(Sockets s, Observer o) throws Exception {
        int a = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(a, SockAddr.loopback(0));
        int b = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(b, SockAddr.loopback(0));
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        o.call("connect(A)", () -> s.connect(fd, s.getsockname(a)));
        o.call("connect(B)", () -> s.connect(fd, s.getsockname(b)));
        o.value("peer is B", s.getpeername(fd).equals(s.getsockname(b)));
        o.call("send", () -> s.send(fd, bytes("to B")));
        o.value("B received", s.recvfrom(b, 16).text());
        for (int x : List.of(fd, a, b)) {
            s.close(x);
        }
    }

    static void shutdownListener(Sockets s, Observer o) throws Exception {
        int listener = Loopback.tcpListener(s, 1);
        SockAddr.In address = Loopback.addressOf(s, listener);
        o.call("shutdown(listener, SHUT_RDWR)", () -> s.shutdown(listener, ShutdownHow.SHUT_RDWR));
        s.setNonBlocking(listener, true);
        o.call("accept", () -> s.accept(listener));
        int fd = s.socket(AF_INET, SOCK_STREAM);
        o.call("connect to it", () -> s.connect(fd, address));
        o.call("listen again", () -> s.listen(listener, 1));
        int again = s.socket(AF_INET, SOCK_STREAM);
        o.call("connect once it listens again", () -> s.connect(again, address));
        for (int x : List.of(fd, again, listener)) {
            s.close(x);
        }
    }

    static void shutdownPending(Sockets s, Observer o) throws Exception {
        try (var busy = dev.connectkit.lab.SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            o.call("connect(busy)", () -> s.connect(fd, busy.address()));
            o.call("shutdown(pending, SHUT_RDWR)", () -> s.shutdown(fd, ShutdownHow.SHUT_RDWR));
            o.poll("poll(IN|OUT)", s.poll(new PollFd(fd, BOTH), 0));
            o.value("SO_ERROR", s.getsockopt(fd, SocketOption.SO_ERROR));
            o.call("connect again", () -> s.connect(fd, busy.address()));
            s.close(fd);
        }
    }

    static void shutdownDatagram(Sockets s, Observer o) throws Exception {
        int lonely = s.socket(AF_INET, SOCK_DGRAM);
        o.call("shutdown(unconnected datagram, SHUT_WR)", () -> s.shutdown(lonely, ShutdownHow.SHUT_WR));
        int target = s.socket(AF_INET, SOCK_DGRAM);
        s.bind(target, SockAddr.loopback(0));
        int fd = s.socket(AF_INET, SOCK_DGRAM);
        s.connect(fd, s.getsockname(target));
        o.call("shutdown(connected datagram, SHUT_WR)", () -> s.shutdown(fd, ShutdownHow.SHUT_WR));
        o.call("send after SHUT_WR", () -> s.send(fd, bytes("x")));
        o.call("connect again", () -> s.connect(fd, s.getsockname(target)));
        o.call("send after the reconnect", () -> s.send(fd, bytes("x")));
        for (int x : List.of(lonely, fd, target)) {
            s.close(x);
        }
    }

    static void recvPending(Sockets s, Observer o) throws Exception {
        try (var busy = dev.connectkit.lab.SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            o.call("connect(busy)", () -> s.connect(fd, busy.address()));
            o.call("recv while pending", () -> s.recv(fd, new byte[8]));
            o.call("send while pending", () -> s.send(fd, bytes("x")));
            s.close(fd);
        }
    }
}
