package dev.connectkit.exercises.timeout;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayName("Exercise 04: connect() with a timeout")
class TimedConnectTest {

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: non-blocking connect, poll, SO_ERROR")
    class Task1 {
        @Test
        @DisplayName("a listener that answers: a connected socket in blocking mode, without waiting")
        void connects() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                int fd = TimedConnect.connect(s, server, Duration.ofSeconds(2));
                assertThat(s.getpeername(fd)).as("the socket you return must be connected to the server").isEqualTo(server);
                assertThat(s.isNonBlocking(fd)).as("switch the socket back to blocking mode before returning: the"
                        + " caller expects an ordinary socket").isFalse();
                assertThat(net.now()).as("virtual time spent: a loopback connect needs no waiting").isLessThan(Duration.ofMillis(1));
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: the timeout")
    class Task2 {
        @Test
        @DisplayName("a server that never answers: ETIMEDOUT after exactly the timeout, the socket closed")
        void timesOut() throws Exception {
            SimNetwork net = SimNetwork.create();
            SockAddr.In silent = SockAddr.loopback(7_777);
            net.fault(silent, Fault.Drop.always());
            try (Sockets s = net.open()) {
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> TimedConnect.connect(s, silent, Duration.ofMillis(1_500)));
                assertThat(e).as("every SYN is lost: the connect must fail when the timeout passes").isNotNull();
                assertThat(e.errno()).as("report the timeout as ETIMEDOUT").isEqualTo(Errno.ETIMEDOUT);
                assertThat(net.now()).as("how long you waited: poll() for POLLOUT with the timeout, once (S-13);"
                        + " a blocking connect() would have waited for the kernel's 127 s")
                        .isEqualTo(Duration.ofMillis(1_500));
                assertThat(s.openDescriptors()).as("close the socket before throwing").isEmpty();
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: a failed attempt")
    class Task3 {
        @Test
        @DisplayName("nothing listens: ECONNREFUSED from SO_ERROR, the socket closed")
        void refused() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                SockAddr.In nobody = Loopback.closedPort(s);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> TimedConnect.connect(s, nobody, Duration.ofSeconds(2)));
                assertThat(e).as("the attempt was refused: poll() reports it writable (with POLLERR) and SO_ERROR"
                        + " holds ECONNREFUSED; writable alone does not mean connected (S-13)").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.ECONNREFUSED);
                assertThat(s.openDescriptors()).as("close the socket before throwing").isEmpty();
            }
        }
    }
}
