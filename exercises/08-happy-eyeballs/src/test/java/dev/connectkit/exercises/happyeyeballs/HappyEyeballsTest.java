package dev.connectkit.exercises.happyeyeballs;

import dev.connectkit.exercises.testkit.Calls;
import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.exercises.testkit.NeedsRealKernel;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The graded tests race a server's IPv6 address against its IPv4 address on the simulated network: the
 * student's host (2001:db8::10, 192.0.2.10) and the server (2001:db8::20, 198.51.100.20), 10 ms apart each way.
 * Faults make one address silent, slow or refusing; ports and the attempt delay are drawn at run time, and
 * time is virtual, so the assertions on it are exact.
 */
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class HappyEyeballsTest {

    /** The simulated network, the server's process, and the student's. */
    static final class Lab implements AutoCloseable {
        final SimNetwork net = SimNetwork.create().localAddresses("2001:db8::10", "192.0.2.10")
                .host("server", "2001:db8::20", "198.51.100.20");
        final Sockets server = net.open("server");
        final Sockets student = net.open();
        final int port = ThreadLocalRandom.current().nextInt(1_024, 30_000);
        final SockAddr v6 = SockAddr.inet6("2001:db8::20", port);
        final SockAddr v4 = SockAddr.inet("198.51.100.20", port);
        /** The attempt delay, drawn at run time in whole milliseconds (RFC 8305 recommends 250 ms). */
        final Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextInt(150, 400));

        Lab listening(SockAddr on) throws ErrnoException {
            int fd = server.socket(on.family(), SOCK_STREAM);
            server.bind(fd, on);
            server.listen(fd, 8);
            return this;
        }

        Lab fault(SockAddr on, Fault fault) {
            net.fault(on, fault);
            return this;
        }

        /** Makes {@code on} answer a SYN {@code millis} ms after it was sent. */
        Lab roundTrip(SockAddr on, long millis) {
            return fault(on, new Fault.Delay(Duration.ofMillis(millis - 20)));
        }

        int race() throws ErrnoException {
            return HappyEyeballs.connect(student, List.of(v6, v4), delay);
        }

        /** When the student's first connect() to {@code target} was called, if it was. */
        Optional<Duration> started(SockAddr target) {
            return net.trace().stream().filter(e -> e.kind() == TraceEvent.Kind.CALL && e.host().equals("local")
                    && e.text().matches("connect\\(\\d+, " + Pattern.quote(target.toString()) + "\\)"))
                    .map(TraceEvent::at).findFirst();
        }

        String calls() {
            return Calls.of(net).transcript();
        }

        @Override
        public void close() {
            student.close();
            server.close();
        }
    }

    /** getpeername(), or empty when the socket is not connected (ENOTCONN) or not open (EBADF). */
    static Optional<SockAddr> peerOf(Sockets s, int fd) {
        try {
            return Optional.of(s.getpeername(fd));
        } catch (ErrnoException e) {
            return Optional.empty();
        }
    }

    /** The checks every winner passes: connected to {@code expected}, blocking, the only descriptor left. */
    static void assertWinner(Lab lab, int fd, SockAddr expected) throws ErrnoException {
        assertThat(peerOf(lab.student, fd)).as(say("winner.peer", expected, lab.calls())).contains(expected);
        assertThat(lab.student.isNonBlocking(fd)).as(say("winner.blocking")).isFalse();
        assertThat(lab.student.openDescriptors()).as(say("winner.alone", fd, lab.calls())).containsExactly(fd);
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void preferredWins() throws Exception {
            try (Lab lab = new Lab()) {
                lab.listening(lab.v6).listening(lab.v4);
                int fd = lab.race();
                assertThat(lab.net.now()).as(say("task1.time", lab.delay.toMillis(), lab.calls()))
                        .isEqualTo(Duration.ofMillis(20));
                assertThat(lab.started(lab.v4)).as(say("task1.no-second", lab.calls())).isEmpty();
                assertWinner(lab, fd, lab.v6);
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void fallbackAfterTheDelay() throws Exception {
            try (Lab lab = new Lab()) {
                lab.listening(lab.v6).listening(lab.v4).fault(lab.v6, Fault.Drop.always());
                int fd = lab.race();
                assertThat(lab.started(lab.v4)).as(say("task2.second-start", lab.delay.toMillis(), lab.calls()))
                        .contains(lab.delay);
                assertThat(lab.net.now()).as(say("task2.time", lab.delay.toMillis() + 20, lab.calls()))
                        .isEqualTo(lab.delay.plusMillis(20));
                assertWinner(lab, fd, lab.v4);
            }
        }

        @Test
        void firstAttemptKeepsRunning() throws Exception {
            try (Lab lab = new Lab()) {
                long v6RoundTrip = lab.delay.toMillis() + 50;
                lab.listening(lab.v6).listening(lab.v4).roundTrip(lab.v6, v6RoundTrip).roundTrip(lab.v4, 200);
                int fd = lab.race();
                assertThat(lab.started(lab.v4)).as(say("task2.second-start", lab.delay.toMillis(), lab.calls()))
                        .contains(lab.delay);
                assertThat(lab.net.now()).as(say("task2.first-still-wins", v6RoundTrip, lab.calls()))
                        .isEqualTo(Duration.ofMillis(v6RoundTrip));
                assertWinner(lab, fd, lab.v6);
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void refusalMovesOnAtOnce() throws Exception {
            try (Lab lab = new Lab()) {
                lab.listening(lab.v4); // nothing listens on the IPv6 address: RST after 20 ms
                int fd = lab.race();
                assertThat(lab.started(lab.v4)).as(say("task3.at-once", lab.delay.toMillis(), lab.calls()))
                        .contains(Duration.ofMillis(20));
                assertThat(lab.net.now()).as(say("task3.time", lab.calls())).isEqualTo(Duration.ofMillis(40));
                assertWinner(lab, fd, lab.v4);
            }
        }

        @Test
        void allFail() throws Exception {
            try (Lab lab = new Lab()) {
                ErrnoException e = catchThrowableOfType(ErrnoException.class, lab::race);
                assertThat(e).as(say("task3.thrown", lab.calls())).isNotNull();
                assertThat(e.errno()).as(say("task3.errno", e.getMessage())).isEqualTo(Errno.ECONNREFUSED);
                assertThat(e.getSuppressed()).as(say("task3.suppressed")).hasSize(1)
                        .allSatisfy(s -> assertThat(s).isInstanceOf(ErrnoException.class));
                assertThat(lab.net.now()).as(say("task3.all-fail-time", lab.calls())).isEqualTo(Duration.ofMillis(40));
                assertThat(lab.student.openDescriptors()).as(say("task3.closed", lab.calls())).isEmpty();
            }
        }

        @Test
        @NeedsRealKernel
        void onTheKernel() throws Exception {
            try (Sockets s = Sockets.nativeLibc()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In accepting = Loopback.addressOf(s, listener);
                int fd = HappyEyeballs.connect(s, List.of(Loopback.closedPort(s), accepting), Duration.ofSeconds(5));
                assertThat(peerOf(s, fd)).as(say("task3.kernel", accepting)).contains(accepting);
                assertThat(s.openDescriptors()).as(say("task3.kernel-alone", listener, fd))
                        .containsExactlyInAnyOrder(listener, fd);
            }
        }
    }
}
