package dev.connectkit.exercises.statemachine;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayName("Exercise 05: the connect() state machine")
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

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: EINPROGRESS and EALREADY mean \"still going\"")
    class Task1 {
        @Test
        @DisplayName("a SYN lost twice: the loop meets EALREADY and keeps waiting until the retransmit gets through")
        void keepsWaiting() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                net.fault(server, new Fault.Drop(2));
                int fd = nonBlockingSocket(s);
                ConnectLoop.connectAndWait(s, fd, server, 500);
                assertThat(connectResults(net)).as("the results your connect() calls got: EINPROGRESS, then"
                        + " EALREADY while the SYN is unanswered (S-12), then 0 once it is done")
                        .startsWith("-1 EINPROGRESS (115)").contains("-1 EALREADY (114)").endsWith("0");
                assertThat(s.getpeername(fd)).isEqualTo(server);
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: 0 and EISCONN mean \"connected\"")
    class Task2 {
        @Test
        @DisplayName("the 0 after an asynchronous completion ends the loop")
        void zeroOnce() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                int fd = nonBlockingSocket(s);
                ConnectLoop.connectAndWait(s, fd, Loopback.addressOf(s, listener), 500);
                assertThat(connectResults(net)).as("EINPROGRESS, then the 0 Linux reports once after completion;"
                        + " a loop that calls connect() again after that 0 meets EISCONN")
                        .containsExactly("-1 EINPROGRESS (115)", "0");
                s.close(fd);
                s.close(listener);
            }
        }

        @Test
        @DisplayName("a socket that is already connected: EISCONN ends the loop at once")
        void alreadyConnected() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.connect(fd, server);
                s.setNonBlocking(fd, true);
                ConnectLoop.connectAndWait(s, fd, server, 500); // must return: EISCONN means connected
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: a failed attempt is thrown, not retried")
    class Task3 {
        @Test
        @DisplayName("nothing listens: the stored ECONNREFUSED is thrown, and no new attempt is started")
        void failureIsThrown() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                SockAddr.In nobody = Loopback.closedPort(s);
                int fd = nonBlockingSocket(s);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> ConnectLoop.connectAndWait(s, fd, nobody, 500));
                assertThat(e).as("the attempt was refused: the connect() after poll() reports the stored error"
                        + " once (ECONNREFUSED); throw it").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.ECONNREFUSED);
                assertThat(connectResults(net)).as("connect() calls: a loop that goes on after the error starts a"
                        + " new attempt (EINPROGRESS again)").containsExactly("-1 EINPROGRESS (115)",
                        "-1 ECONNREFUSED (111)");
                s.close(fd);
            }
        }
    }
}
