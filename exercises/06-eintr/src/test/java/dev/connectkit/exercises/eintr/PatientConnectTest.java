package dev.connectkit.exercises.eintr;

import dev.connectkit.exercises.testkit.Calls;
import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static dev.connectkit.exercises.testkit.Messages.key;
import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The tests use the simulated network's signals, delivered at chosen virtual instants ({@code alarm()} for
 * the first, {@link SimNetwork#signal} for a second one), and count the student's connect() calls in its trace.
 */
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class PatientConnectTest {
    static final Duration FIRST_SIGNAL = Duration.ofMillis(300);
    static final Duration SECOND_SIGNAL = Duration.ofMillis(600);
    /** Where a SYN lost once gets through: Linux retransmits it after 1 s. */
    static final Duration RETRANSMIT = Duration.ofSeconds(1);

    static long connectCalls(SimNetwork net) {
        return net.trace().stream().filter(e -> e.kind() == TraceEvent.Kind.CALL && e.text().startsWith("connect("))
                .count();
    }

    /** getpeername(), or empty when the socket is not connected (ENOTCONN). */
    static Optional<SockAddr> peerOf(Sockets s, int fd) {
        try {
            return Optional.of(s.getpeername(fd));
        } catch (ErrnoException e) {
            return Optional.empty();
        }
    }

    /** PatientConnect.connect() where it must succeed: an ErrnoException here is a mistake, explained. */
    static void connectExpectingSuccess(SimNetwork net, Sockets s, int fd, SockAddr.In server) {
        try {
            PatientConnect.connect(s, fd, server);
        } catch (ErrnoException e) {
            String why = e.call().equals("poll") && e.errno() == Errno.EINTR ? key("task2.poll-interrupted")
                    : e.errno() == Errno.EINTR ? key("task2.connect-interrupted") : key("task2.unexpected");
            throw new AssertionError(say(why, e.getMessage(), Calls.of(net).transcript()), e);
        }
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void plainConnect() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                PatientConnect.connect(s, fd, server);
                assertThat(peerOf(s, fd)).as(say("task1.connected", server)).contains(server);
                assertThat(connectCalls(net)).as(say("task1.one-call", Calls.of(net).transcript())).isEqualTo(1);
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void waitsForTheAttempt() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                net.fault(server, new Fault.Drop(1)); // the first SYN is lost; its retransmit at 1 s gets through
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(FIRST_SIGNAL);
                connectExpectingSuccess(net, s, fd, server);
                assertThat(connectCalls(net)).as(say("task2.one-call", Calls.of(net).transcript())).isEqualTo(1);
                assertThat(peerOf(s, fd)).as(say("task2.connected", server)).contains(server);
                assertThat(net.now()).as(say("task2.time")).isEqualTo(RETRANSMIT);
                s.close(fd);
                s.close(listener);
            }
        }

        @Test
        void secondSignalDuringTheWait() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                net.fault(server, new Fault.Drop(1));
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(FIRST_SIGNAL);
                net.signal(s, SECOND_SIGNAL); // arrives while the student's code waits in poll()
                connectExpectingSuccess(net, s, fd, server);
                assertThat(connectCalls(net)).as(say("task2.one-call", Calls.of(net).transcript())).isEqualTo(1);
                assertThat(peerOf(s, fd)).as(say("task2.connected", server)).contains(server);
                assertThat(net.now()).as(say("task2.time")).isEqualTo(RETRANSMIT);
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void failureAfterTheSignal() throws Exception {
            SimNetwork net = SimNetwork.create();
            SockAddr.In silent = SockAddr.loopback(ThreadLocalRandom.current().nextInt(20_000, 30_000));
            net.fault(silent, Fault.Drop.always());
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1); // SYN at 0 s, one retransmit at 1 s, give up at 3 s
                s.alarm(FIRST_SIGNAL);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> PatientConnect.connect(s, fd, silent));
                assertThat(e).as(say("task3.thrown", Calls.of(net).transcript())).isNotNull();
                assertThat(e.errno()).as(say("task3.errno", e.getMessage(), Calls.of(net).transcript()))
                        .isEqualTo(Errno.ETIMEDOUT);
                assertThat(connectCalls(net)).as(say("task3.one-call", Calls.of(net).transcript())).isEqualTo(1);
                assertThat(net.now()).as(say("task3.time")).isEqualTo(Duration.ofSeconds(3));
                s.close(fd);
            }
        }
    }
}
