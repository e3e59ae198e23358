package dev.connectkit.exercises.statemachine;

import dev.connectkit.exercises.testkit.Calls;
import dev.connectkit.exercises.testkit.Messages;
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

import java.util.List;
import java.util.Optional;

import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The tests run on the simulated network and read its trace, to see which results the student's loop met. */
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class ConnectLoopTest {

    /** What each connect() call of the run returned, from the simulation's trace. */
    static List<String> connectResults(SimNetwork net) {
        return net.trace().stream().filter(e -> e.kind() == TraceEvent.Kind.RETURN && e.text().startsWith("connect("))
                .map(e -> e.text().substring(e.text().lastIndexOf(") = ") + 4)).toList();
    }

    static int nonBlockingSocket(Sockets s) throws ErrnoException {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.setNonBlocking(fd, true);
        return fd;
    }

    /** getpeername(), or empty when the socket is not connected (ENOTCONN). */
    static Optional<SockAddr> peerOf(Sockets s, int fd) {
        try {
            return Optional.of(s.getpeername(fd));
        } catch (ErrnoException e) {
            return Optional.empty();
        }
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void keepsWaiting() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                net.fault(server, new Fault.Drop(2));
                int fd = nonBlockingSocket(s);
                ConnectLoop.connectAndWait(s, fd, server, 500);
                assertThat(connectResults(net)).as(say("task1.results", Calls.of(net).transcript()))
                        .startsWith("-1 EINPROGRESS (115)").contains("-1 EALREADY (114)").endsWith("0");
                assertThat(peerOf(s, fd)).as(say("task1.connected", server)).contains(server);
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void zeroOnce() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                int fd = nonBlockingSocket(s);
                ConnectLoop.connectAndWait(s, fd, Loopback.addressOf(s, listener), 500);
                assertThat(connectResults(net)).as(say("task2.zero-once", Calls.of(net).transcript()))
                        .containsExactly("-1 EINPROGRESS (115)", "0");
                s.close(fd);
                s.close(listener);
            }
        }

        @Test
        void alreadyConnected() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.connect(fd, server);
                s.setNonBlocking(fd, true);
                try {
                    ConnectLoop.connectAndWait(s, fd, server, 500);
                } catch (ErrnoException e) {
                    throw new AssertionError(say("task2.eisconn", e.getMessage(), Calls.of(net).transcript()), e);
                }
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void failureIsThrown() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                SockAddr.In nobody = Loopback.closedPort(s);
                int fd = nonBlockingSocket(s);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> ConnectLoop.connectAndWait(s, fd, nobody, 500));
                assertThat(e).as(say("task3.thrown", Calls.of(net).transcript())).isNotNull();
                assertThat(e.errno()).as(say("task3.errno", e.getMessage())).isEqualTo(Errno.ECONNREFUSED);
                assertThat(connectResults(net)).as(say("task3.no-new-attempt", Calls.of(net).transcript()))
                        .containsExactly("-1 EINPROGRESS (115)", "-1 ECONNREFUSED (111)");
                s.close(fd);
            }
        }
    }
}
