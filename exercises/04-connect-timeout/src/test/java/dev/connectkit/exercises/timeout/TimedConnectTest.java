package dev.connectkit.exercises.timeout;

import dev.connectkit.exercises.testkit.Calls;
import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The tests run on the simulated network: a server host one round trip (20 ms) away, at a port and with a
 * timeout drawn at run time, so only the protocol passes, never a special case. They read the simulation's
 * trace to check the calls (S-11, S-13), and its virtual clock to check the time exactly.
 */
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class TimedConnectTest {
    static final String SERVER_HOST = "198.51.100.20";
    static final Duration ROUND_TRIP = Duration.ofMillis(20);

    /** The student's host (192.0.2.10) and a server host, 10 ms apart each way. */
    static SimNetwork network() {
        return SimNetwork.create().localAddresses("192.0.2.10").host("server", SERVER_HOST);
    }

    /** An address on the server host, at a port drawn at run time. */
    static SockAddr.In serverAddress() {
        return SockAddr.inet(SERVER_HOST, ThreadLocalRandom.current().nextInt(1_024, 30_000));
    }

    /** A timeout drawn at run time, in whole milliseconds between 1 and 3 s. */
    static Duration timeout() {
        return Duration.ofMillis(ThreadLocalRandom.current().nextInt(1_000, 3_000));
    }

    static int listen(Sockets server, SockAddr.In at) throws ErrnoException {
        int fd = server.socket(AF_INET, SOCK_STREAM);
        server.bind(fd, at);
        server.listen(fd, 8);
        return fd;
    }

    /** The calls every task needs first: O_NONBLOCK, connect() with EINPROGRESS, poll() for POLLOUT. */
    static Calls.Step[] start(SockAddr.In server, String pollResult, String pollWhy) {
        return new Calls.Step[] {
            Calls.Step.of("fcntl\\(\\d+, F_SETFL, O_NONBLOCK\\) = 0", say("step.nonblocking")),
            Calls.Step.of("connect\\(\\d+, " + Pattern.quote(server.toString()) + "\\) = -1 EINPROGRESS.*",
                    say("step.einprogress", server)),
            Calls.Step.of("poll\\(\\[\\d+:\\[[A-Z, ]*POLLOUT[A-Z, ]*\\]\\], \\d+\\) = " + pollResult,
                    pollWhy),
        };
    }

    static Calls.Step[] concat(Calls.Step[] first, Calls.Step... then) {
        Calls.Step[] all = Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void connects() throws Exception {
            SimNetwork net = network();
            SockAddr.In server = serverAddress();
            Duration timeout = timeout();
            try (Sockets serverHost = net.open("server"); Sockets s = net.open()) {
                int listener = listen(serverHost, server);
                int fd = TimedConnect.connect(s, server, timeout);
                Duration took = net.now();
                Calls.of(net).assertContainInOrder(concat(start(server, "\\[\\[POLLOUT\\]\\]", say("step.poll")),
                        Calls.Step.of("getsockopt\\(\\d+, SO_ERROR\\) = 0", say("step.so-error-zero")),
                        Calls.Step.of("fcntl\\(\\d+, F_SETFL, 0\\) = 0", say("step.blocking-again"))));
                assertThat(peerOf(s, fd)).as(say("task1.peer", server)).contains(server);
                assertThat(s.isNonBlocking(fd)).as(say("task1.blocking")).isFalse();
                assertThat(took).as(say("task1.time", timeout.toMillis())).isEqualTo(ROUND_TRIP);
                s.close(fd);
                serverHost.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void timesOut() throws Exception {
            SimNetwork net = network();
            SockAddr.In silent = serverAddress();
            Duration timeout = timeout();
            net.fault(silent, Fault.Drop.always());
            try (Sockets s = net.open()) {
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> TimedConnect.connect(s, silent, timeout));
                Duration took = net.now();
                assertThat(e).as(say("task2.thrown", silent, timeout.toMillis())).isNotNull();
                assertThat(e.errno()).as(say("task2.errno", e.getMessage())).isEqualTo(Errno.ETIMEDOUT);
                Calls.of(net).assertContainInOrder(concat(start(silent, "\\[\\[\\]\\]", say("step.poll-timeout")),
                        Calls.Step.of("close\\(\\d+\\) = 0", say("step.close"))));
                assertThat(took).as(say("task2.time", timeout.toMillis())).isEqualTo(timeout);
                assertThat(s.openDescriptors()).as(say("task2.closed")).isEmpty();
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void refused() throws Exception {
            SimNetwork net = network();
            SockAddr.In nobody = serverAddress();
            Duration timeout = timeout();
            try (Sockets s = net.open()) {
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> TimedConnect.connect(s, nobody, timeout));
                Duration took = net.now();
                assertThat(e).as(say("task3.thrown", nobody)).isNotNull();
                assertThat(e.errno()).as(say("task3.errno", e.getMessage())).isEqualTo(Errno.ECONNREFUSED);
                Calls.of(net).assertContainInOrder(concat(start(nobody, "\\[\\[.*POLLOUT.*\\]\\]", say("step.poll")),
                        Calls.Step.of("getsockopt\\(\\d+, SO_ERROR\\) = " + Errno.ECONNREFUSED.number(),
                                say("step.so-error-refused", Errno.ECONNREFUSED.number())),
                        Calls.Step.of("close\\(\\d+\\) = 0", say("step.close"))));
                assertThat(took).as(say("task3.time", timeout.toMillis())).isEqualTo(ROUND_TRIP);
                assertThat(s.openDescriptors()).as(say("task3.closed")).isEmpty();
            }
        }
    }

    /** getpeername(), or empty when the socket is not connected (ENOTCONN). */
    static Optional<SockAddr> peerOf(Sockets s, int fd) {
        try {
            return Optional.of(s.getpeername(fd));
        } catch (ErrnoException e) {
            return Optional.empty();
        }
    }
}
