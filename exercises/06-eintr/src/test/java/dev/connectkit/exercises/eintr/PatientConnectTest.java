package dev.connectkit.exercises.eintr;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayName("Exercise 06: EINTR done right")
class PatientConnectTest {

    static long connectCalls(SimNetwork net) {
        return net.trace().stream().filter(e -> e.kind() == TraceEvent.Kind.CALL && e.text().startsWith("connect("))
                .count();
    }

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: no signal, one connect()")
    class Task1 {
        @Test
        @DisplayName("connects with a single call")
        void plainConnect() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                PatientConnect.connect(s, fd, Loopback.addressOf(s, listener));
                assertThat(s.getpeername(fd)).isEqualTo(Loopback.addressOf(s, listener));
                assertThat(connectCalls(net)).as("connect() calls").isEqualTo(1);
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: after EINTR, wait; do not connect() again")
    class Task2 {
        @Test
        @DisplayName("a signal at 300 ms, the connection made at 1 s: connected, with one connect() call")
        void waitsForTheAttempt() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In server = Loopback.addressOf(s, listener);
                net.fault(server, new Fault.Drop(1)); // the first SYN is lost; its retransmit at 1 s gets through
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(Duration.ofMillis(300));
                PatientConnect.connect(s, fd, server);
                assertThat(connectCalls(net)).as("connect() was called more than once: after EINTR the attempt is"
                        + " not aborted (S-10); wait for it with poll() and SO_ERROR instead of calling connect()"
                        + " again").isEqualTo(1);
                assertThat(s.getpeername(fd)).as("the interrupted attempt completed asynchronously").isEqualTo(server);
                assertThat(net.now()).as("returned when the connection was made, at the retransmit")
                        .isEqualTo(Duration.ofSeconds(1));
                s.close(fd);
                s.close(listener);
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: an interrupted attempt that fails")
    class Task3 {
        @Test
        @DisplayName("the attempt times out after the signal: ETIMEDOUT from SO_ERROR")
        void failureAfterTheSignal() throws Exception {
            SimNetwork net = SimNetwork.create();
            SockAddr.In silent = SockAddr.loopback(7_777);
            net.fault(silent, Fault.Drop.always());
            try (Sockets s = net.open()) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
                s.alarm(Duration.ofMillis(300));
                ErrnoException e = catchThrowableOfType(ErrnoException.class, () -> PatientConnect.connect(s, fd, silent));
                assertThat(e).as("the attempt failed after the signal: SO_ERROR holds ETIMEDOUT; throw it").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT);
                assertThat(connectCalls(net)).isEqualTo(1);
                s.close(fd);
            }
        }
    }
}
