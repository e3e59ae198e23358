package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.connectkit.manpage.Statement.S_01;
import static dev.connectkit.manpage.Statement.S_02;
import static dev.connectkit.manpage.Statement.S_03;
import static dev.connectkit.manpage.Statement.S_04;
import static dev.connectkit.manpage.Statement.S_05;
import static dev.connectkit.manpage.Statement.S_06;
import static dev.connectkit.manpage.Statement.S_07;
import static dev.connectkit.manpage.Statement.S_08;
import static dev.connectkit.manpage.Statement.S_09;
import static dev.connectkit.manpage.Statement.S_10;
import static dev.connectkit.manpage.Statement.S_11;
import static dev.connectkit.manpage.Statement.S_12;
import static dev.connectkit.manpage.Statement.S_13;
import static dev.connectkit.manpage.Statement.S_14;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.Errno.EACCES;
import static dev.connectkit.posix.Errno.EAFNOSUPPORT;
import static dev.connectkit.posix.Errno.EALREADY;
import static dev.connectkit.posix.Errno.EBADF;
import static dev.connectkit.posix.Errno.ECONNREFUSED;
import static dev.connectkit.posix.Errno.EDESTADDRREQ;
import static dev.connectkit.posix.Errno.EINPROGRESS;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.EISCONN;
import static dev.connectkit.posix.Errno.ENETUNREACH;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.Errno.ETIMEDOUT;
import static dev.connectkit.posix.PollEvent.POLLERR;
import static dev.connectkit.posix.PollEvent.POLLHUP;
import static dev.connectkit.posix.PollEvent.POLLOUT;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static dev.connectkit.testing.Outcome.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The man page as a test suite: every statement of {@code connect.zh.md} checked through the kit's API, the same
 * way on every backend. A backend subclasses this contract and says how to open its {@link Sockets}.
 *
 * <p>Expectations are what Linux does on loopback. Where the man page leaves room (it never says how long
 * "unspecified" is), the tests accept a documented range instead of an exact figure.
 */
@ExtendWith({ConformanceReport.class, CapabilityGate.class})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ConnectContract {

    /** How long a test waits for something that should happen at once on loopback. */
    static final int PROMPTLY_MILLIS = 2_000;
    /** How long a test waits for a SYN retransmit to complete a pending connection (Linux: about 1 s, then 3 s). */
    static final int RETRANSMIT_MILLIS = 10_000;

    /** The backend's name, as in the report: {@code native}, {@code sim}, {@code nio}. */
    protected abstract String backend();

    /** A fresh instance of the backend for one test. */
    protected abstract Sockets openSockets();

    /** The ephemeral port range the backend allocates implicit binds from (Linux: ip_local_port_range). */
    protected abstract int[] ephemeralPortRange();

    /** Why this backend cannot run here; its tests are then reported not applicable with this reason. */
    protected Optional<String> unavailableReason() {
        return Optional.empty();
    }

    protected Sockets s;

    @BeforeEach
    void openBackend(TestInfo test) {
        Optional<String> reason = unavailableReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        s = openSockets();
    }

    @AfterEach
    void noDescriptorLeftOpen() {
        if (s == null) {
            return;
        }
        List<Integer> leftOpen = s.openDescriptors();
        s.close();
        assertThat(leftOpen).as("descriptors the test left open (every test closes what it opens)").isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long millisSince(long startMillis) {
        return s.clock().millis() - startMillis;
    }

    @Nested
    @DisplayName("S-01 and S-02: the implicit bind")
    class ImplicitBind {

        @Test
        @Covers(S_01)
        @DisplayName("a TCP socket gets 127.0.0.1 and an ephemeral port when connect() binds it")
        void tcpSocketIsBoundByConnect() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            SockAddr.In server = Loopback.addressOf(s, listener);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThat(s.getsockname(fd)).as("before connect(), a new socket is bound to nothing")
                    .isEqualTo(SockAddr.inet("0.0.0.0", 0));

            s.connect(fd, server);

            SockAddr.In local = (SockAddr.In) s.getsockname(fd);
            int[] range = ephemeralPortRange();
            assertThat(local.address()).as("the local address connect() chose to reach 127.0.0.1")
                    .isEqualTo(server.address());
            assertThat(local.port()).as("connect() picks the local port from the ephemeral range %d-%d (S-01)",
                    range[0], range[1]).isBetween(range[0], range[1]);
            s.close(fd);
            s.close(listener);
        }

        @Test
        @Covers(S_01)
        @DisplayName("two sockets connected to the same server get different, unused local ports")
        void implicitPortsAreUnused() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            SockAddr.In server = Loopback.addressOf(s, listener);
            int first = s.socket(AF_INET, SOCK_STREAM);
            int second = s.socket(AF_INET, SOCK_STREAM);
            s.connect(first, server);
            s.connect(second, server);

            int firstPort = Loopback.addressOf(s, first).port();
            int secondPort = Loopback.addressOf(s, second).port();
            assertThat(firstPort).as("an unused local address: the two clients' ports differ (S-01)")
                    .isNotEqualTo(secondPort).isNotEqualTo(server.port());
            s.close(first);
            s.close(second);
            s.close(listener);
        }

        @Test
        @Covers(S_01)
        @DisplayName("a UDP socket is bound by connect() too, although nothing is sent")
        void udpSocketIsBoundByConnect() throws Exception {
            int peer = Loopback.udpSocket(s);
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            s.connect(fd, Loopback.addressOf(s, peer));

            SockAddr.In local = Loopback.addressOf(s, fd);
            int[] range = ephemeralPortRange();
            assertThat(local.port()).as("connect() bound the datagram socket to an ephemeral port (S-01)")
                    .isBetween(range[0], range[1]);
            s.close(fd);
            s.close(peer);
        }

        @Test
        @Covers(S_02)
        @DisplayName("an AF_UNIX client is not bound by connect(): it stays unnamed, on both ends")
        void unixClientStaysUnnamed(@TempDir Path dir) throws Exception {
            SockAddr.Un path = SockAddr.unix(dir.resolve("server.sock").toString());
            int listener = s.socket(AF_UNIX, SOCK_STREAM);
            s.bind(listener, path);
            s.listen(listener, 4);
            int fd = s.socket(AF_UNIX, SOCK_STREAM);

            s.connect(fd, path);
            int accepted = s.accept(listener);

            assertThat(s.getsockname(fd)).as("the client's own name after connect(): unnamed, no implicit bind (S-02)")
                    .isEqualTo(SockAddr.unix(""));
            assertThat(s.getpeername(accepted)).as("what the server sees of the client: unnamed too (S-02)")
                    .isEqualTo(SockAddr.unix(""));
            assertThat(s.getpeername(fd)).as("the client's peer is the listener's path").isEqualTo(path);
            s.close(accepted);
            s.close(fd);
            s.close(listener);
        }
    }

    @Nested
    @DisplayName("S-03 to S-06: connect() on a datagram socket")
    class DatagramPeer {

        @Test
        @Covers(S_03)
        @DisplayName("connect() sets the peer address and sends no packet")
        void connectSetsThePeerAndSendsNothing() throws Exception {
            int peer = Loopback.udpSocket(s);
            SockAddr.In peerAddress = Loopback.addressOf(s, peer);
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            assertThat(Outcome.of(() -> s.getpeername(fd))).as("a new datagram socket has no peer")
                    .isEqualTo(failed(ENOTCONN));

            s.connect(fd, peerAddress);

            assertThat(s.getpeername(fd)).as("connect() set the peer address (S-03)").isEqualTo(peerAddress);
            assertThat(s.poll(PollFd.readable(peer), 200))
                    .as("connect() on a datagram socket establishes nothing: the peer received no packet (S-03)")
                    .isEmpty();
            s.close(fd);
            s.close(peer);
        }

        @Test
        @Covers(S_03)
        @DisplayName("connect() succeeds even where nothing listens, because no connection is attempted")
        void connectToAnEmptyPortSucceeds() throws Exception {
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            SockAddr.In nobody = Loopback.closedPort(s);
            assertThat(Outcome.of(() -> s.connect(fd, nobody)))
                    .as("a datagram connect() is local bookkeeping: no handshake, so nothing can refuse it (S-03)")
                    .isEqualTo(success());
            s.close(fd);
        }

        @Test
        @Covers(S_04)
        @DisplayName("send() without an address delivers the datagram to the peer")
        void sendGoesToThePeer() throws Exception {
            int peer = Loopback.udpSocket(s);
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            s.connect(fd, Loopback.addressOf(s, peer));

            assertThat(s.send(fd, bytes("to the peer"))).isEqualTo(11);

            assertThat(s.poll(PollFd.readable(peer), PROMPTLY_MILLIS)).as("the peer has a datagram to read")
                    .contains(PollEvent.POLLIN);
            Datagram d = s.recvfrom(peer, 100);
            assertThat(d.text()).as("send() went to the peer address set by connect() (S-04)")
                    .isEqualTo("to the peer");
            assertThat(d.from()).as("the datagram came from the connected socket's implicit address")
                    .isEqualTo(s.getsockname(fd));
            s.close(fd);
            s.close(peer);
        }

        @Test
        @Covers(S_05)
        @DisplayName("recv() gets the peer's datagram and never a stranger's")
        void recvOnlyFromThePeer() throws Exception {
            int fd = Loopback.udpSocket(s);
            int peer = Loopback.udpSocket(s);
            int stranger = Loopback.udpSocket(s);
            SockAddr.In me = Loopback.addressOf(s, fd);
            s.connect(fd, Loopback.addressOf(s, peer));

            s.sendto(stranger, bytes("from a stranger"), me);
            s.sendto(peer, bytes("from the peer"), me);

            assertThat(s.poll(PollFd.readable(fd), PROMPTLY_MILLIS)).contains(PollEvent.POLLIN);
            Datagram d = s.recvfrom(fd, 100);
            assertThat(d.text()).as("the first datagram received is the peer's, though the stranger sent first (S-05)")
                    .isEqualTo("from the peer");
            assertThat(s.poll(PollFd.readable(fd), 0))
                    .as("nothing else is queued: the kernel discarded the stranger's datagram (S-05)").isEmpty();
            s.close(fd);
            s.close(peer);
            s.close(stranger);
        }

        @Test
        @Covers(S_06)
        @DisplayName("connect() to the null address (AF_UNSPEC) resets the peer, and strangers get through again")
        void nullAddressResetsThePeer() throws Exception {
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            // A port given explicitly to bind() survives the reset (see the next test for an implicit one).
            int port = freeUdpPort();
            s.bind(fd, SockAddr.loopback(port));
            int peer = Loopback.udpSocket(s);
            int stranger = Loopback.udpSocket(s);
            s.connect(fd, Loopback.addressOf(s, peer));

            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.unspec()))).as("connect(AF_UNSPEC)")
                    .isEqualTo(success());

            assertThat(Outcome.of(() -> s.getpeername(fd))).as("the peer address is reset (S-06)")
                    .isEqualTo(failed(ENOTCONN));
            assertThat(Outcome.of(() -> s.send(fd, bytes("where to?"))))
                    .as("send() without an address has nowhere to go once the peer is reset")
                    .isEqualTo(failed(EDESTADDRREQ));
            s.sendto(stranger, bytes("from a stranger"), SockAddr.loopback(port));
            assertThat(s.poll(PollFd.readable(fd), PROMPTLY_MILLIS)).as("a stranger's datagram is delivered again")
                    .contains(PollEvent.POLLIN);
            assertThat(s.recvfrom(fd, 100).text()).isEqualTo("from a stranger");
            s.close(fd);
            s.close(peer);
            s.close(stranger);
        }

        @Test
        @Covers(S_06)
        @DisplayName("Linux: resetting the peer also releases a port that connect() bound implicitly")
        void nullAddressReleasesAnImplicitPort() throws Exception {
            int peer = Loopback.udpSocket(s);
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            s.connect(fd, Loopback.addressOf(s, peer));
            assertThat(Loopback.addressOf(s, fd).port()).isNotZero();

            s.connect(fd, SockAddr.unspec());

            assertThat(s.getsockname(fd)).as("Linux undoes the implicit bind: address and port back to 0"
                    + " (this is why Java's DatagramChannel.disconnect() rebinds)")
                    .isEqualTo(SockAddr.inet("0.0.0.0", 0));
            s.close(fd);
            s.close(peer);
        }

        private int freeUdpPort() throws Exception {
            int probe = Loopback.udpSocket(s);
            int port = Loopback.addressOf(s, probe).port();
            s.close(probe);
            return port;
        }
    }

    @Nested
    @DisplayName("S-07: connect() on a connection-mode socket attempts a connection")
    class ConnectionMode {

        @Test
        @Covers(S_07)
        @DisplayName("connect() to a listener makes a connection the listener accepts")
        void connectMakesAConnection() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            SockAddr.In server = Loopback.addressOf(s, listener);
            int fd = s.socket(AF_INET, SOCK_STREAM);

            assertThat(Outcome.of(() -> s.connect(fd, server))).isEqualTo(success());

            int accepted = s.accept(listener);
            assertThat(s.getpeername(accepted)).as("the listener accepted a connection from this very socket (S-07)")
                    .isEqualTo(s.getsockname(fd));
            assertThat(s.getpeername(fd)).isEqualTo(server);
            s.close(accepted);
            s.close(fd);
            s.close(listener);
        }

        @Test
        @Covers(S_07)
        @DisplayName("connect() to a port where nothing listens is attempted and refused: ECONNREFUSED")
        void connectToAClosedPortIsRefused() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            SockAddr.In nobody = Loopback.closedPort(s);
            assertThat(Outcome.of(() -> s.connect(fd, nobody)))
                    .as("the SYN was answered with RST: the attempt was made and refused (S-07)")
                    .isEqualTo(failed(ECONNREFUSED));
            s.close(fd);
        }
    }

    @Nested
    @DisplayName("S-08 to S-10: a blocking connect()")
    class BlockingConnect {

        @Test
        @Covers(S_08)
        @DisplayName("returns 0 only once the connection is made: the peer address is known at once")
        void returnsOnceConnected() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            SockAddr.In server = Loopback.addressOf(s, listener);
            int fd = s.socket(AF_INET, SOCK_STREAM);

            s.connect(fd, server);

            assertThat(s.getpeername(fd)).as("a blocking connect() returned 0: the connection exists (S-08)")
                    .isEqualTo(server);
            assertThat(s.poll(PollFd.writable(fd), 0)).as("and the socket is writable").contains(POLLOUT);
            s.close(fd);
            s.close(listener);
        }

        @Test
        @Requires(Capability.SIGNALS)
        @Covers({S_08, S_10})
        @DisplayName("blocks while the server does not answer, until a signal interrupts it with EINTR")
        void blocksUntilInterrupted() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                long start = s.clock().millis();
                s.alarm(Duration.ofMillis(300));

                Outcome outcome = Outcome.of(() -> s.connect(fd, busy.address()));

                long elapsed = millisSince(start);
                assertThat(outcome).as("a signal during a blocking connect() makes it fail with EINTR (S-10)")
                        .isEqualTo(failed(EINTR));
                assertThat(elapsed).as("connect() blocked until the signal at 300 ms (S-08)").isGreaterThanOrEqualTo(250);
                s.close(fd);
            }
        }

        @Test
        @Requires(Capability.SIGNALS)
        @Covers(S_10)
        @DisplayName("after EINTR the attempt goes on, and completes asynchronously")
        void interruptedAttemptCompletesAsynchronously() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(Duration.ofMillis(300));
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(EINTR));

                busy.acceptFillers(); // room in the accept queue: the next SYN retransmit gets through

                assertThat(s.poll(PollFd.writable(fd), RETRANSMIT_MILLIS))
                        .as("the interrupted attempt was not aborted: the socket becomes writable (S-10, S-13)")
                        .contains(POLLOUT).doesNotContain(POLLERR);
                assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).as("SO_ERROR after completion").isZero();
                assertThat(s.poll(PollFd.readable(busy.fd()), PROMPTLY_MILLIS)).contains(PollEvent.POLLIN);
                int accepted = s.accept(busy.fd());
                assertThat(s.getpeername(accepted)).as("the listener accepts the connection connect() started")
                        .isEqualTo(s.getsockname(fd));
                s.close(accepted);
                s.close(fd);
            }
        }

        @Test
        @Requires(Capability.TCP_SYNCNT)
        @Covers(S_09)
        @DisplayName("fails with ETIMEDOUT when the timeout expires, and the attempt is aborted")
        void timesOutAndAborts() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                // Linux's timeout is tcp_syn_retries (6: about 127 s); one retransmit makes it about 3 s.
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
                long start = s.clock().millis();

                Outcome outcome = Outcome.of(() -> s.connect(fd, busy.address()));

                long elapsed = millisSince(start);
                assertThat(outcome).as("the timeout expired before the connection was made (S-09)")
                        .isEqualTo(failed(ETIMEDOUT));
                assertThat(elapsed).as("with TCP_SYNCNT=1 Linux gives up after the SYN and one retransmit (~3 s)")
                        .isBetween(2_000L, 10_000L);
                s.setNonBlocking(fd, true);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address())))
                        .as("the attempt was aborted: a new connect() starts over (EINPROGRESS), not EALREADY (S-09)")
                        .isEqualTo(failed(EINPROGRESS));
                s.close(fd);
            }
        }
    }

    @Nested
    @DisplayName("S-11 to S-13: a non-blocking connect()")
    class NonBlockingConnect {

        @Test
        @Covers(S_11)
        @DisplayName("returns EINPROGRESS, even on loopback, and completes asynchronously")
        void returnsEinprogressThenCompletes() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);

            assertThat(Outcome.of(() -> s.connect(fd, Loopback.addressOf(s, listener))))
                    .as("a non-blocking TCP connect() returns EINPROGRESS; Linux does so even on loopback (S-11)")
                    .isEqualTo(failed(EINPROGRESS));

            assertThat(s.poll(PollFd.writable(fd), PROMPTLY_MILLIS)).as("the connection completes (S-11, S-13)")
                    .contains(POLLOUT).doesNotContain(POLLERR);
            assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).as("SO_ERROR 0: it succeeded").isZero();
            s.close(fd);
            s.close(listener);
        }

        @Test
        @Covers(S_11)
        @DisplayName("the request is not aborted while the server is busy: it completes once there is room")
        void pendingRequestIsNotAborted() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(fd, true);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(EINPROGRESS));

                assertThat(s.poll(PollFd.writable(fd), 200)).as("pending: the SYN was dropped, no answer yet")
                        .isEmpty();
                busy.acceptFillers();

                assertThat(s.poll(PollFd.writable(fd), RETRANSMIT_MILLIS))
                        .as("the attempt went on and completed asynchronously (S-11)").contains(POLLOUT);
                assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).isZero();
                s.close(fd);
            }
        }

        @Test
        @Covers(S_12)
        @DisplayName("a second connect() before completion fails with EALREADY, whatever the address")
        void secondConnectGivesEalready() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(fd, true);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(EINPROGRESS));

                assertThat(Outcome.of(() -> s.connect(fd, busy.address())))
                        .as("the connection is not yet made: connect() again fails with EALREADY (S-12)")
                        .isEqualTo(failed(EALREADY));
                SockAddr.In elsewhere = Loopback.closedPort(s);
                assertThat(Outcome.of(() -> s.connect(fd, elsewhere)))
                        .as("Linux ignores the address while an attempt is pending (S-12)")
                        .isEqualTo(failed(EALREADY));
                s.close(fd);
            }
        }

        @Test
        @Covers({S_12, S_13})
        @DisplayName("Linux: after completion the next connect() returns 0 once, then EISCONN")
        void afterCompletionZeroOnceThenEisconn() throws Exception {
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(fd, true);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(EINPROGRESS));
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(EALREADY));
                busy.acceptFillers();
                assertThat(s.poll(PollFd.writable(fd), RETRANSMIT_MILLIS)).contains(POLLOUT);

                assertThat(Outcome.of(() -> s.connect(fd, busy.address())))
                        .as("the first connect() after completion reports the result: 0 (Linux)")
                        .isEqualTo(success());
                assertThat(Outcome.of(() -> s.connect(fd, busy.address())))
                        .as("then the socket is simply connected: EISCONN")
                        .isEqualTo(failed(EISCONN));
                s.close(fd);
            }
        }

        @Test
        @Covers(S_13)
        @DisplayName("a refused attempt is writable too: POLLERR and SO_ERROR tell failure from success")
        void refusedAttemptIsWritableWithAnError() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            SockAddr.In nobody = Loopback.closedPort(s);
            assertThat(Outcome.of(() -> s.connect(fd, nobody))).isEqualTo(failed(EINPROGRESS));

            assertThat(s.poll(PollFd.writable(fd), PROMPTLY_MILLIS))
                    .as("poll() reports a finished attempt as writable whether it succeeded or not (S-13)")
                    .contains(POLLOUT, POLLERR, POLLHUP);
            assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).as("SO_ERROR holds the failure")
                    .isEqualTo(ECONNREFUSED.number());
            assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).as("reading SO_ERROR cleared it").isZero();
            s.close(fd);
        }
    }

    @Nested
    @DisplayName("S-14: connect() may need privileges")
    class Privileges {

        @Test
        @Covers(S_14)
        @DisplayName("a UDP connect() to a broadcast address needs SO_BROADCAST: EACCES without it")
        void broadcastNeedsPermission() throws Exception {
            SockAddr.In broadcast = SockAddr.inet("127.255.255.255", 9);
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            assertThat(Outcome.of(() -> s.connect(fd, broadcast)))
                    .as("without SO_BROADCAST the socket has no permission to address a broadcast (S-14)")
                    .isEqualTo(failed(EACCES));

            s.setsockopt(fd, SocketOption.SO_BROADCAST, 1);
            assertThat(Outcome.of(() -> s.connect(fd, broadcast))).as("with SO_BROADCAST it may (nothing is sent)")
                    .isEqualTo(success());
            s.close(fd);
        }
    }

    @Nested
    @DisplayName("errors connect() reports")
    class Errors {

        @Test
        @DisplayName("EISCONN: connect() on a connected TCP socket")
        void eisconn() throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.connect(fd, Loopback.addressOf(s, listener));
            assertThat(Outcome.of(() -> s.connect(fd, Loopback.addressOf(s, listener)))).isEqualTo(failed(EISCONN));
            s.close(fd);
            s.close(listener);
        }

        @Test
        @DisplayName("EBADF: connect() on a closed descriptor")
        void ebadf() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.close(fd);
            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback(9)))).isEqualTo(failed(EBADF));
        }

        @Test
        @DisplayName("EAFNOSUPPORT: an IPv6 address for an IPv4 socket")
        void eafnosupport() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback6(9)))).isEqualTo(failed(EAFNOSUPPORT));
            s.close(fd);
        }

        @Test
        @Requires(Capability.EXPLICIT_ADDRLEN)
        @DisplayName("EINVAL: an addrlen too short for a sockaddr_in")
        void einval() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback(9), 15))).isEqualTo(failed(EINVAL));
            s.close(fd);
        }

        @Test
        @DisplayName("ENETUNREACH: TCP to the loopback broadcast address, which has no route for unicast")
        void enetunreach() throws Exception {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.inet("127.255.255.255", 9))))
                    .isEqualTo(failed(ENETUNREACH));
            s.close(fd);
        }
    }
}
