package dev.connectkit.exercises.ephemeral;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(20)
@DisplayName("Exercise 02: the port connect() picked")
class LocalPortTest {

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: the implicit bind")
    class Task1 {
        void check(Sockets s, int low, int high) throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            int port = LocalPort.connectAndGetLocalPort(s, fd, Loopback.addressOf(s, listener));
            int accepted = s.accept(listener);
            int seen = ((SockAddr.In) s.getpeername(accepted)).port();
            assertThat(port).as("the port you returned must be the one the server sees: getsockname() after"
                    + " connect() shows the port the implicit bind chose (S-01)").isEqualTo(seen);
            assertThat(port).as("an implicit bind takes a port from the ephemeral range %d-%d", low, high)
                    .isBetween(low, high);
            s.close(accepted);
            s.close(fd);
            s.close(listener);
        }

        @Test
        @DisplayName("on the simulated network: the port the listener sees, from the ephemeral range")
        void simulated() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                check(s, net.ephemeralPortRange()[0], net.ephemeralPortRange()[1]);
            }
        }

        @Test
        @DisplayName("on the real kernel")
        void kernel() throws Exception {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
            try (Sockets s = Sockets.nativeLibc()) {
                check(s, 1024, 65535);
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: a port of your own")
    class Task2 {
        @Test
        @DisplayName("the listener sees exactly the port bind() was given")
        void explicitPort() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int listener = Loopback.tcpListener(s, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                SockAddr.In mine = SockAddr.loopback(40_123);
                LocalPort.connectFrom(s, fd, mine, Loopback.addressOf(s, listener));
                int accepted = s.accept(listener);
                assertThat(s.getpeername(accepted)).as("the server must see the address you bound: bind() before"
                        + " connect() replaces the implicit bind (S-01)").isEqualTo(mine);
                s.close(accepted);
                s.close(fd);
                s.close(listener);
            }
        }

        @Test
        @DisplayName("a port another socket holds: bind() fails with EADDRINUSE")
        void portInUse() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In taken = Loopback.addressOf(s, listener);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> LocalPort.connectFrom(s, fd, taken, taken));
                assertThat(e).as("binding to a port another socket holds must fail, and the ErrnoException must"
                        + " reach the caller").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE);
                s.close(fd);
                s.close(listener);
            }
        }
    }
}
