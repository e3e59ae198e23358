package dev.connectkit.exercises.happyeyeballs;

import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayName("Exercise 08: Happy Eyeballs")
class HappyEyeballsTest {
    static final InetAddress V6 = InetAddress.ofLiteral("::1");
    static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    static final Duration DELAY = Duration.ofMillis(300);

    static ServerSocketChannel listen(InetAddress on) throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(on, 0), 16);
    }

    static InetSocketAddress closedPort(InetAddress on) throws IOException {
        try (ServerSocketChannel probe = listen(on)) {
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }

    static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: the preferred address answers")
    class Task1 {
        @Test
        @DisplayName("IPv6 wins, and only the winner is left open")
        void preferredWins() throws Exception {
            try (ServerSocketChannel v6 = listen(V6); ServerSocketChannel v4 = listen(V4)) {
                long before = openSockets();
                try (SocketChannel winner = HappyEyeballs.connect(
                        List.of((InetSocketAddress) v6.getLocalAddress(), (InetSocketAddress) v4.getLocalAddress()), DELAY)) {
                    assertThat(winner.getRemoteAddress()).as("the first candidate answered at once: it must win")
                            .isEqualTo(v6.getLocalAddress());
                    assertThat(winner.isBlocking()).as("return the winner in blocking mode").isTrue();
                    assertThat(openSockets()).as("sockets left open besides the winner").isEqualTo(before + 1);
                }
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: the preferred address is silent")
    class Task2 {
        @Test
        @DisplayName("IPv4 starts after the delay and wins; the silent attempt is closed")
        void fallbackAfterTheDelay() throws Exception {
            try (Sockets kit = Sockets.nio(); SaturatedListener silentV4Busy = SaturatedListener.open(kit);
                 ServerSocketChannel v4 = listen(V4)) {
                // A listener with a full accept queue on 127.0.0.1 stands in for a broken IPv6 path.
                InetSocketAddress silent = new InetSocketAddress(silentV4Busy.address().address(),
                        silentV4Busy.address().port());
                long before = openSockets();
                long start = System.nanoTime();
                try (SocketChannel winner = HappyEyeballs.connect(List.of(silent,
                        (InetSocketAddress) v4.getLocalAddress()), DELAY)) {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(winner.getRemoteAddress()).isEqualTo(v4.getLocalAddress());
                    assertThat(took).as("the second attempt starts after the attempt delay (%s), not after the"
                            + " first one's 127 s kernel timeout", DELAY).isBetween(DELAY.minusMillis(50), Duration.ofSeconds(3));
                    assertThat(openSockets()).as("the still pending first attempt must be closed").isEqualTo(before + 1);
                }
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: failures")
    class Task3 {
        @Test
        @DisplayName("a refusal starts the next attempt at once")
        void refusalMovesOnAtOnce() throws Exception {
            try (ServerSocketChannel v4 = listen(V4)) {
                long start = System.nanoTime();
                try (SocketChannel winner = HappyEyeballs.connect(List.of(closedPort(V6),
                        (InetSocketAddress) v4.getLocalAddress()), Duration.ofSeconds(5))) {
                    assertThat(winner.getRemoteAddress()).isEqualTo(v4.getLocalAddress());
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a refused attempt (OP_CONNECT fired,"
                            + " finishConnect() threw) must start the next at once, not after the delay")
                            .isLessThan(Duration.ofSeconds(2));
                }
            }
        }

        @Test
        @DisplayName("when every candidate refuses: ConnectException, with each failure suppressed")
        void allFail() throws Exception {
            ConnectException e = catchThrowableOfType(ConnectException.class,
                    () -> HappyEyeballs.connect(List.of(closedPort(V6), closedPort(V4)), DELAY));
            assertThat(e).as("no candidate connected: throw ConnectException").isNotNull();
            assertThat(e.getSuppressed()).as("each attempt's failure, added with addSuppressed()").hasSize(2);
        }
    }
}
