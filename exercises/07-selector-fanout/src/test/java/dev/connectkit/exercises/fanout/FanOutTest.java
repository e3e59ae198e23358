package dev.connectkit.exercises.fanout;

import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
@DisplayName("Exercise 07: many connects at once")
class FanOutTest {
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private Sockets kit;
    private ServerSocketChannel listener;
    private SaturatedListener busy;
    private InetSocketAddress accepting;
    private InetSocketAddress refusing;
    private InetSocketAddress silent;

    @BeforeEach
    void peers() throws Exception {
        kit = Sockets.nio();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0), 16);
        accepting = (InetSocketAddress) listener.getLocalAddress();
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            refusing = (InetSocketAddress) probe.getLocalAddress();
        }
        busy = SaturatedListener.open(kit);
        silent = new InetSocketAddress(busy.address().address(), busy.address().port());
    }

    @AfterEach
    void closePeers() throws Exception {
        busy.close();
        listener.close();
        kit.close();
    }

    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // the descriptor was closed while listing
                }
            }).count();
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: targets that accept")
    class Task1 {
        @Test
        @DisplayName("a listening target is CONNECTED")
        void connected() throws Exception {
            Map<InetSocketAddress, FanOut.Outcome> out = FanOut.connectAll(List.of(accepting), Duration.ofSeconds(2));
            assertThat(out).as("a listener completes the handshake: OP_CONNECT fires and finishConnect() returns true"
                    + " (S-11, S-13)").containsEntry(accepting, FanOut.Outcome.CONNECTED);
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: targets that refuse")
    class Task2 {
        @Test
        @DisplayName("a closed port is REFUSED")
        void refused() throws Exception {
            Map<InetSocketAddress, FanOut.Outcome> out = FanOut.connectAll(List.of(refusing), Duration.ofSeconds(2));
            assertThat(out).as("OP_CONNECT fires on failure too; finishConnect() then throws ConnectException"
                    + " (the kernel's SO_ERROR is ECONNREFUSED)").containsEntry(refusing, FanOut.Outcome.REFUSED);
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: the deadline")
    class Task3 {
        @Test
        @DisplayName("all three at once: the silent one TIMED_OUT at the deadline, and every channel closed")
        void deadline() throws Exception {
            long socketsBefore = openSockets();
            long start = System.nanoTime();
            Map<InetSocketAddress, FanOut.Outcome> out = FanOut.connectAll(List.of(accepting, refusing, silent),
                    Duration.ofMillis(700));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(out).containsEntry(accepting, FanOut.Outcome.CONNECTED)
                    .containsEntry(refusing, FanOut.Outcome.REFUSED)
                    .as("a listener with a full accept queue drops the SYN: still pending at the deadline")
                    .containsEntry(silent, FanOut.Outcome.TIMED_OUT);
            assertThat(took).as("the call must wait for the deadline, not stop early and not run on")
                    .isBetween(Duration.ofMillis(650), Duration.ofMillis(1_700));
            assertThat(openSockets()).as("sockets still open after connectAll() returned: close every channel"
                    + " you opened, on every path").isEqualTo(socketsBefore);
        }
    }
}
