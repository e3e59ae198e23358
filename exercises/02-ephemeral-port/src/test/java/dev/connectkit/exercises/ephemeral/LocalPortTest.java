package dev.connectkit.exercises.ephemeral;

import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.exercises.testkit.NeedsRealKernel;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class LocalPortTest {

    /** A simulated network whose ephemeral range is drawn at run time: no port written in the code is the answer. */
    static SimNetwork networkWithAFreshRange() {
        int low = ThreadLocalRandom.current().nextInt(32_768, 50_000);
        return SimNetwork.create().ephemeralPorts(low, low + 999);
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
        void check(Sockets s, int low, int high) throws Exception {
            int listener = Loopback.tcpListener(s, 8);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            int port = LocalPort.connectAndGetLocalPort(s, fd, Loopback.addressOf(s, listener));
            assertThat(peerOf(s, fd)).as(say("task1.connected")).contains(Loopback.addressOf(s, listener));
            int accepted = s.accept(listener);
            int seen = ((SockAddr.In) s.getpeername(accepted)).port();
            assertThat(port).as(say("task1.same-port", seen)).isEqualTo(seen);
            assertThat(port).as(say("task1.range", low, high)).isBetween(low, high);
            s.close(accepted);
            s.close(fd);
            s.close(listener);
        }

        @Test
        void simulated() throws Exception {
            SimNetwork net = networkWithAFreshRange();
            try (Sockets s = net.open()) {
                check(s, net.ephemeralPortRange()[0], net.ephemeralPortRange()[1]);
            }
        }

        @Test
        @NeedsRealKernel
        void kernel() throws Exception {
            try (Sockets s = Sockets.nativeLibc()) {
                int[] range = Loopback.ephemeralPortRange();
                check(s, range[0], range[1]);
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void explicitPort() throws Exception {
            try (Sockets s = networkWithAFreshRange().open()) {
                int listener = Loopback.tcpListener(s, 8);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                SockAddr.In mine = SockAddr.loopback(ThreadLocalRandom.current().nextInt(20_000, 30_000));
                LocalPort.connectFrom(s, fd, mine, Loopback.addressOf(s, listener));
                int accepted = s.accept(listener);
                assertThat(s.getpeername(accepted)).as(say("task2.bound", mine)).isEqualTo(mine);
                s.close(accepted);
                s.close(fd);
                s.close(listener);
            }
        }

        @Test
        void portInUse() throws Exception {
            try (Sockets s = networkWithAFreshRange().open()) {
                int listener = Loopback.tcpListener(s, 8);
                SockAddr.In taken = Loopback.addressOf(s, listener);
                int fd = s.socket(AF_INET, SOCK_STREAM);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> LocalPort.connectFrom(s, fd, taken, taken));
                assertThat(e).as(say("task2.thrown", taken)).isNotNull();
                assertThat(e.errno()).as(say("task2.errno", e.getMessage())).isEqualTo(Errno.EADDRINUSE);
                s.close(fd);
                s.close(listener);
            }
        }
    }
}
