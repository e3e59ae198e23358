package dev.connectkit.sim;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static dev.connectkit.testing.Outcome.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
@DisplayName("the simulated network")
class SimNetworkTest {

    static final SockAddr.In SERVER = SockAddr.inet("198.51.100.20", 80);

    private static SimNetwork twoHosts() {
        return SimNetwork.create().localAddresses("192.0.2.10").host("server", "198.51.100.20");
    }

    private static List<Duration> synTimes(SimNetwork net) {
        return net.trace().stream()
                .filter(e -> e.kind() == TraceEvent.Kind.SEND && e.text().startsWith("SYN "))
                .map(TraceEvent::at).toList();
    }

    @Nested
    @DisplayName("models Linux's timing")
    class Timing {

        @Test
        @DisplayName("a blocking connect() to a silent host retransmits at 1, 3, 7, 15, 31, 63 s and fails at 127 s")
        void defaultTimeoutIs127Seconds() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, Fault.Drop.always());
            long wallStart = System.nanoTime();
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);

                assertThat(Outcome.of(() -> s.connect(fd, SERVER))).isEqualTo(failed(Errno.ETIMEDOUT));

                assertThat(net.now()).as("tcp_syn_retries = 6: 1+2+4+8+16+32+64 s").isEqualTo(Duration.ofSeconds(127));
                assertThat(synTimes(net)).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3),
                        Duration.ofSeconds(7), Duration.ofSeconds(15), Duration.ofSeconds(31), Duration.ofSeconds(63));
                s.close(fd);
            }
            // Far less than 127 s, whatever the machine's load: the simulator never waits on wall time.
            assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).as("wall time for 127 virtual seconds")
                    .isLessThan(Duration.ofSeconds(10));
            net.assertNoOpenSockets();
        }

        @Test
        @DisplayName("TCP_SYNCNT sets the number of retransmits: 2 gives up at 7 s")
        void synCountShortensTheTimeout() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, Fault.Drop.always());
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 2);
                assertThat(Outcome.of(() -> s.connect(fd, SERVER))).isEqualTo(failed(Errno.ETIMEDOUT));
                assertThat(net.now()).isEqualTo(Duration.ofSeconds(7));
                assertThat(Outcome.of(() -> s.setsockopt(fd, SocketOption.TCP_SYNCNT, 0)))
                        .as("Linux refuses TCP_SYNCNT 0").isEqualTo(failed(Errno.EINVAL));
            }
        }

        @Test
        @DisplayName("a signal at a chosen virtual instant interrupts a blocked connect(); the attempt runs on")
        void signalAtAChosenInstant() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, Fault.Drop.always());
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(Duration.ofSeconds(90));

                assertThat(Outcome.of(() -> s.connect(fd, SERVER))).isEqualTo(failed(Errno.EINTR));
                assertThat(net.now()).isEqualTo(Duration.ofSeconds(90));

                assertThat(s.poll(PollFd.writable(fd), -1)).as("the attempt went on, and ended at 127 s")
                        .contains(PollEvent.POLLOUT, PollEvent.POLLERR);
                assertThat(net.now()).isEqualTo(Duration.ofSeconds(127));
                assertThat(s.getsockopt(fd, SocketOption.SO_ERROR)).isEqualTo(Errno.ETIMEDOUT.number());
            }
        }

        @Test
        @DisplayName("signal() interrupts a second wait at its instant, whatever alarm is set; a wrong call is refused")
        void signalAtAnInstant() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, Fault.Drop.always());
            try (Sockets s = net.open(); Sockets stranger = SimNetwork.create().open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(Duration.ofMillis(300));
                net.signal(s, Duration.ofMillis(600));

                assertThat(Outcome.of(() -> s.connect(fd, SERVER))).isEqualTo(failed(Errno.EINTR));
                assertThat(net.now()).isEqualTo(Duration.ofMillis(300));
                assertThat(Outcome.of(() -> s.poll(PollFd.writable(fd), -1))).as("the second signal ends the poll()")
                        .isEqualTo(failed(Errno.EINTR));
                assertThat(net.now()).isEqualTo(Duration.ofMillis(600));

                assertThatThrownBy(() -> net.signal(stranger, Duration.ofSeconds(1)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a process");
                assertThatThrownBy(() -> net.signal(s, Duration.ofMillis(100)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past");
            }
        }

        @Test
        @DisplayName("connects between hosts after one round trip (10 ms each way)")
        void roundTrip() throws Exception {
            SimNetwork net = twoHosts();
            try (Sockets server = net.open("server"); Sockets client = net.open()) {
                int listener = server.socket(AF_INET, SOCK_STREAM);
                server.bind(listener, SockAddr.inet("0.0.0.0", 80));
                server.listen(listener, 8);
                int fd = client.socket(AF_INET, SOCK_STREAM);
                client.connect(fd, SERVER);
                assertThat(net.now()).isEqualTo(Duration.ofMillis(20));
                assertThat(client.getsockname(fd)).isInstanceOfSatisfying(SockAddr.In.class,
                        local -> assertThat(local.address().getHostAddress()).isEqualTo("192.0.2.10"));
                int accepted = server.accept(listener);
                assertThat(server.getpeername(accepted)).isEqualTo(client.getsockname(fd));
            }
            net.assertNoOpenSockets();
        }
    }

    @Nested
    @DisplayName("injects faults")
    class Faults {

        private Outcome connectWith(Fault fault, SimNetwork net) throws Exception {
            net.fault(SERVER, fault);
            try (Sockets server = net.open("server"); Sockets s = net.open()) {
                int listener = server.socket(AF_INET, SOCK_STREAM);
                server.bind(listener, SERVER);
                server.listen(listener, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                return Outcome.of(() -> s.connect(fd, SERVER));
            }
        }

        @Test
        @DisplayName("Refuse: RST, ECONNREFUSED after one round trip")
        void refuse() throws Exception {
            SimNetwork net = twoHosts();
            assertThat(connectWith(new Fault.Refuse(), net)).isEqualTo(failed(Errno.ECONNREFUSED));
            assertThat(net.now()).isEqualTo(Duration.ofMillis(20));
        }

        @Test
        @DisplayName("Drop(2): two SYNs lost, the second retransmit at 3 s gets through")
        void drop() throws Exception {
            SimNetwork net = twoHosts();
            assertThat(connectWith(new Fault.Drop(2), net)).isEqualTo(success());
            assertThat(net.now()).isEqualTo(Duration.ofSeconds(3).plusMillis(20));
        }

        @Test
        @DisplayName("Delay: the handshake takes the extra time")
        void delay() throws Exception {
            SimNetwork net = twoHosts();
            assertThat(connectWith(new Fault.Delay(Duration.ofMillis(500)), net)).isEqualTo(success());
            assertThat(net.now()).isEqualTo(Duration.ofMillis(520));
        }

        @Test
        @DisplayName("NetworkUnreachable: ICMP from a router, ENETUNREACH")
        void networkUnreachable() throws Exception {
            assertThat(connectWith(new Fault.NetworkUnreachable(), twoHosts())).isEqualTo(failed(Errno.ENETUNREACH));
        }

        @Test
        @DisplayName("HostUnreachable: no ARP answer for 3 s, EHOSTUNREACH")
        void hostUnreachable() throws Exception {
            SimNetwork net = twoHosts();
            assertThat(connectWith(new Fault.HostUnreachable(), net)).isEqualTo(failed(Errno.EHOSTUNREACH));
            assertThat(net.now()).isEqualTo(Duration.ofSeconds(3).plusMillis(10));
        }

        @Test
        @DisplayName("Reset: connected, then the peer resets it: ECONNRESET on recv()")
        void reset() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, new Fault.Reset());
            try (Sockets server = net.open("server"); Sockets s = net.open()) {
                int listener = server.socket(AF_INET, SOCK_STREAM);
                server.bind(listener, SERVER);
                server.listen(listener, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.connect(fd, SERVER);
                assertThat(Outcome.of(() -> s.recv(fd, new byte[10]))).isEqualTo(failed(Errno.ECONNRESET));
            }
        }
    }

    @Nested
    @DisplayName("produces the errnos loopback cannot without root")
    class RareErrnos {

        @Test
        @DisplayName("ENETUNREACH: no route to the network, and no SYN is sent")
        void noRoute() throws Exception {
            SimNetwork net = twoHosts();
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                assertThat(Outcome.of(() -> s.connect(fd, SockAddr.inet("203.0.113.9", 80))))
                        .isEqualTo(failed(Errno.ENETUNREACH));
                assertThat(synTimes(net)).isEmpty();
            }
        }

        @Test
        @DisplayName("EHOSTUNREACH: a routed network where no host has the address")
        void noHost() throws Exception {
            SimNetwork net = twoHosts();
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                assertThat(Outcome.of(() -> s.connect(fd, SockAddr.inet("198.51.100.99", 80))))
                        .isEqualTo(failed(Errno.EHOSTUNREACH));
            }
        }

        @Test
        @DisplayName("ENETDOWN: the host's interface is down")
        void interfaceDown() throws Exception {
            SimNetwork net = twoHosts().interfaceDown("local");
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                assertThat(Outcome.of(() -> s.connect(fd, SERVER))).isEqualTo(failed(Errno.ENETDOWN));
            }
        }

        @Test
        @DisplayName("EADDRNOTAVAIL from a TCP connect() when every port of the ephemeral range talks to that peer")
        void tcpPortsExhausted() throws Exception {
            SimNetwork net = SimNetwork.create().ephemeralPorts(40000, 40001);
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                s.connect(s.socket(AF_INET, SOCK_STREAM), server); // the listener holds 40000, this client 40001
                int third = s.socket(AF_INET, SOCK_STREAM);
                assertThat(Outcome.of(() -> s.connect(third, server))).isEqualTo(failed(Errno.EADDRNOTAVAIL));
            }
        }

        @Test
        @DisplayName("EAGAIN from a UDP connect() when every port is taken: the implicit bind fails (not EADDRNOTAVAIL)")
        void udpPortsExhausted() throws Exception {
            SimNetwork net = SimNetwork.create().ephemeralPorts(40000, 40001);
            try (Sockets s = net.open()) {
                int peer = s.socket(AF_INET, SOCK_DGRAM);
                s.bind(peer, SockAddr.loopback(5353));
                for (int i = 0; i < 2; i++) {
                    s.connect(s.socket(AF_INET, SOCK_DGRAM), SockAddr.loopback(5353));
                }
                int third = s.socket(AF_INET, SOCK_DGRAM);
                assertThat(Outcome.of(() -> s.connect(third, SockAddr.loopback(5353))))
                        .as("inet_autobind() fails with EAGAIN").isEqualTo(failed(Errno.EAGAIN));
                assertThat(Outcome.of(() -> s.send(third, new byte[1]))).isEqualTo(failed(Errno.EAGAIN));
            }
        }

        @Test
        @DisplayName("EADDRINUSE: bind() to a port another socket holds")
        void addressInUse() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int first = Loopback.tcpListener(s, 1);
                int second = s.socket(AF_INET, SOCK_STREAM);
                assertThat(Outcome.of(() -> s.bind(second, Loopback.addressOf(s, first))))
                        .isEqualTo(failed(Errno.EADDRINUSE));
            }
        }
    }

    @Nested
    @DisplayName("keeps a bounded trace and streams every step")
    class BoundedTrace {

        private void connections(SimNetwork net, int count) throws Exception {
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In address = Loopback.addressOf(s, listener);
                for (int i = 0; i < count; i++) {
                    int fd = s.socket(AF_INET, SOCK_STREAM);
                    s.connect(fd, address);
                    s.close(s.accept(listener));
                    s.close(fd);
                }
                s.close(listener);
            }
        }

        @Test
        @DisplayName("traceLimit(n) keeps the latest n steps; a sink from traceTo() sees every step, in order")
        void limitAndSink() throws Exception {
            List<TraceEvent> streamed = new java.util.ArrayList<>();
            SimNetwork net = SimNetwork.create().traceLimit(5).traceTo(streamed::add);
            connections(net, 3);
            assertThat(streamed.size()).isGreaterThan(5);
            assertThat(net.trace()).hasSize(5).isEqualTo(streamed.subList(streamed.size() - 5, streamed.size()));
            assertThat(net.timeline()).startsWith("(" + (streamed.size() - 5) + " earlier steps not kept)\n")
                    .endsWith(streamed.getLast().toString());
        }

        @Test
        @DisplayName("by default the latest 10,000 steps are kept, however long the simulation runs")
        void defaultLimit() throws Exception {
            SimNetwork net = SimNetwork.create();
            connections(net, 2_000); // about 30 steps each
            assertThat(net.trace()).hasSize(10_000);
            assertThat(net.trace().getLast().text()).isEqualTo("close(3) = 0");
        }

        @Test
        @DisplayName("traceLimit(0) keeps nothing, and a sink still sees everything")
        void nothingKept() throws Exception {
            long[] seen = {0};
            SimNetwork net = SimNetwork.create().traceLimit(0).traceTo(e -> seen[0]++);
            connections(net, 10);
            assertThat(net.trace()).isEmpty();
            assertThat(seen[0]).isGreaterThan(100);
            assertThatThrownBy(() -> net.traceLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("is checkable")
    class Checkable {

        private String scenario() throws Exception {
            SimNetwork net = twoHosts().fault(SERVER, new Fault.Drop(1));
            try (Sockets server = net.open("server"); Sockets s = net.open()) {
                int listener = server.socket(AF_INET, SOCK_STREAM);
                server.bind(listener, SERVER);
                server.listen(listener, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(fd, true);
                Outcome.of(() -> s.connect(fd, SERVER));
                s.poll(PollFd.writable(fd), 5_000);
                s.send(fd, "hello".getBytes());
            }
            return net.timeline();
        }

        @Test
        @DisplayName("the same program gives the same trace, step for step")
        void deterministic() throws Exception {
            assertThat(scenario()).isEqualTo(scenario()).contains("SYN 192.0.2.10:32768 > 198.51.100.20:80");
        }

        @Test
        @DisplayName("the trace shows calls, segments, drops, state changes and returns with virtual timestamps")
        void traceKinds() throws Exception {
            String timeline = scenario();
            assertThat(timeline).contains("CALL", "RETURN", "SEND", "DROP", "STATE", "TIMER")
                    .contains("= -1 EINPROGRESS (115)")
                    .contains("SYN_SENT -> ESTABLISHED")
                    .contains("[   1.000000 s]");
        }

        @Test
        @DisplayName("a datagram connect() sends nothing: no packet in the trace")
        void datagramConnectSendsNothing() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_DGRAM);
                s.connect(fd, SockAddr.loopback(9));
            }
            assertThat(net.trace()).noneMatch(e -> e.kind() == TraceEvent.Kind.SEND);
        }

        @Test
        @DisplayName("assertNoOpenSockets() names a socket left open")
        void leakDetected() throws Exception {
            SimNetwork net = SimNetwork.create();
            Sockets s = net.open();
            s.socket(AF_INET, SOCK_STREAM);
            assertThatThrownBy(net::assertNoOpenSockets).isInstanceOf(AssertionError.class).hasMessageContaining("fd 3");
            s.close();
            net.assertNoOpenSockets();
        }

        @Test
        @DisplayName("a wait that could never end is reported at once, naming the deadlock, instead of hanging")
        void noHang() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int listener = Loopback.tcpListener(s, 1);
                assertThatThrownBy(() -> s.accept(listener)).isInstanceOfSatisfying(DeadlockException.class,
                        e -> assertThat(e.waiting()).containsExactly(Thread.currentThread().getName()
                                + ": waits in accept(" + listener + ")"))
                        .hasMessageContaining("simulated accept(" + listener + ") can never return");
                assertThatThrownBy(() -> s.poll(PollFd.readable(listener), -1))
                        .as("poll(-1) with nothing scheduled").isInstanceOf(DeadlockException.class);
            }
        }

        @Test
        @DisplayName("hosts take documentation addresses only")
        void documentationRangesOnly() {
            assertThatThrownBy(() -> SimNetwork.create().host("x", "10.1.2.3"))
                    .hasMessageContaining("not in a documentation range");
            SimNetwork.create().host("a", "192.0.2.1").host("b", "203.0.113.7").host("c", "2001:db8::1");
        }

        @Test
        @DisplayName("10,000 connections to one listener, each accepted and closed, leave nothing open")
        void tenThousandConnections() throws Exception {
            // Speed is measured in a forked JVM on CPU time (SimScaleTest): wall time here depends on the machine's load.
            SimNetwork net = SimNetwork.create().ephemeralPorts(20000, 60999);
            int accepted = 0;
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 4096);
                SockAddr.In address = Loopback.addressOf(s, listener);
                for (int i = 0; i < 10_000; i++) {
                    int fd = s.socket(AF_INET, SOCK_STREAM);
                    s.connect(fd, address);
                    s.close(s.accept(listener));
                    accepted++;
                    s.close(fd);
                }
                s.close(listener);
            }
            assertThat(accepted).isEqualTo(10_000);
            assertThat(net.now()).as("loopback takes no virtual time").isEqualTo(Duration.ZERO);
            net.assertNoOpenSockets();
        }
    }
}
