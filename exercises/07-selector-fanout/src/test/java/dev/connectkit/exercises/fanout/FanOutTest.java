package dev.connectkit.exercises.fanout;

import dev.connectkit.exercises.testkit.Calls;
import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.exercises.testkit.NeedsRealKernel;
import dev.connectkit.lab.Loopback;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static dev.connectkit.exercises.fanout.FanOut.Outcome.CONNECTED;
import static dev.connectkit.exercises.fanout.FanOut.Outcome.FAILED;
import static dev.connectkit.exercises.fanout.FanOut.Outcome.TIMED_OUT;
import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graded tests run on the simulated network: the student's host, 192.0.2.10, and three server hosts 10 ms
 * away each way, made slower with {@link Fault.Delay} so each target has its own round trip. Time is virtual,
 * so every assertion on it is exact; ports and the deadline are drawn at run time.
 */
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class FanOutTest {

    /** The simulated network, with a server process on each of the hosts a, b and c. */
    static final class Lab implements AutoCloseable {
        final SimNetwork net = SimNetwork.create().localAddresses("192.0.2.10")
                .host("a", "198.51.100.10").host("b", "198.51.100.20").host("c", "198.51.100.30");
        final Sockets student = net.open();
        private final List<Sockets> servers = List.of(net.open("a"), net.open("b"), net.open("c"));

        /** An address on host a, b or c (0, 1, 2) at a port drawn at run time; {@code listening} starts a listener. */
        SockAddr.In target(int host, boolean listening) throws ErrnoException {
            SockAddr.In at = SockAddr.inet("198.51.100." + (10 * (host + 1)), ThreadLocalRandom.current().nextInt(1_024, 30_000));
            if (listening) {
                Sockets server = servers.get(host);
                int fd = server.socket(AF_INET, SOCK_STREAM);
                server.bind(fd, at);
                server.listen(fd, 8);
            }
            return at;
        }

        /** Makes every segment to {@code target} {@code millis} later: a SYN-ACK then comes 20 + millis ms after the SYN. */
        Lab slower(SockAddr.In target, int millis) {
            net.fault(target, new Fault.Delay(Duration.ofMillis(millis)));
            return this;
        }

        Map<SockAddr.In, FanOut.Outcome> connectAll(Duration deadline, SockAddr.In... targets) throws ErrnoException {
            return FanOut.connectAll(student, List.of(targets), deadline);
        }

        String calls() {
            return Calls.of(net).transcript();
        }

        @Override
        public void close() {
            student.close();
            servers.forEach(Sockets::close);
        }
    }

    /** A deadline drawn at run time, in whole milliseconds between 1 and 3 s. */
    static Duration deadline() {
        return Duration.ofMillis(ThreadLocalRandom.current().nextInt(1_000, 3_000));
    }

    /** connect() on {@code target} returned EINPROGRESS, then one poll() waited on {@code count} descriptors. */
    static Calls.Step[] startedThenPolled(SockAddr.In target, int count) {
        String entry = "\\d+:\\[[A-Z, ]*POLLOUT[A-Z, ]*\\]";
        return new Calls.Step[] {
            Calls.Step.of("connect\\(\\d+, " + Pattern.quote(target.toString()) + "\\) = -1 EINPROGRESS.*",
                    say("step.einprogress", target)),
            Calls.Step.of("poll\\(\\[" + entry + "(, " + entry + "){" + (count - 1) + "}\\], \\d+\\) = .*",
                    say("step.one-poll", count)),
        };
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void allConnectAtOnce() throws Exception {
            try (Lab lab = new Lab()) {
                SockAddr.In fast = lab.target(0, true);
                SockAddr.In medium = lab.target(1, true);
                SockAddr.In slow = lab.target(2, true);
                lab.slower(medium, 40).slower(slow, 80);
                Duration deadline = deadline();
                Map<SockAddr.In, FanOut.Outcome> out = lab.connectAll(deadline, fast, medium, slow);
                Duration took = lab.net.now();
                for (SockAddr.In target : List.of(fast, medium, slow)) {
                    Calls.of(lab.net).assertContainInOrder(startedThenPolled(target, 3));
                }
                assertThat(out).as(say("task1.outcomes", lab.calls()))
                        .isEqualTo(Map.of(fast, CONNECTED, medium, CONNECTED, slow, CONNECTED));
                assertThat(took).as(say("task1.time", lab.calls())).isEqualTo(Duration.ofMillis(100));
                assertThat(lab.student.openDescriptors()).as(say("closed", lab.calls())).isEmpty();
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void failuresAreReported() throws Exception {
            try (Lab lab = new Lab()) {
                SockAddr.In refusing = lab.target(0, false);
                SockAddr.In noHost = SockAddr.inet("198.51.100.99", refusing.port());
                Map<SockAddr.In, FanOut.Outcome> out = lab.connectAll(Duration.ofSeconds(5), refusing, noHost);
                Duration took = lab.net.now();
                assertThat(out).as(say("task2.outcomes", refusing, noHost, lab.calls()))
                        .isEqualTo(Map.of(refusing, FAILED, noHost, FAILED));
                assertThat(took).as(say("task2.time", lab.calls())).isEqualTo(Duration.ofMillis(3_010));
                assertThat(lab.student.openDescriptors()).as(say("closed", lab.calls())).isEmpty();
            }
        }

        @Test
        @NeedsRealKernel
        void onTheKernel() throws Exception {
            try (Sockets s = Sockets.nativeLibc()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In accepting = Loopback.addressOf(s, listener);
                SockAddr.In refusing = Loopback.closedPort(s);
                Map<SockAddr.In, FanOut.Outcome> out = FanOut.connectAll(s, List.of(accepting, refusing),
                        Duration.ofSeconds(5));
                assertThat(out).as(say("task2.kernel")).isEqualTo(Map.of(accepting, CONNECTED, refusing, FAILED));
                assertThat(s.openDescriptors()).as(say("task2.kernel-closed", listener)).containsExactly(listener);
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void deadline() throws Exception {
            try (Lab lab = new Lab()) {
                SockAddr.In accepting = lab.target(0, true);
                SockAddr.In refusing = lab.target(1, false);
                SockAddr.In silent = lab.target(2, true);
                lab.net.fault(silent, Fault.Drop.always());
                Duration deadline = FanOutTest.deadline();
                Map<SockAddr.In, FanOut.Outcome> out = lab.connectAll(deadline, accepting, refusing, silent);
                Duration took = lab.net.now();
                assertThat(took).as(say("task3.time", deadline.toMillis(), lab.calls())).isEqualTo(deadline);
                assertThat(out).as(say("task3.outcomes", silent, lab.calls()))
                        .isEqualTo(Map.of(accepting, CONNECTED, refusing, FAILED, silent, TIMED_OUT));
                assertThat(lab.student.openDescriptors()).as(say("closed", lab.calls())).isEmpty();
            }
        }
    }
}
