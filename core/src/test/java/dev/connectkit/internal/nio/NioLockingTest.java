package dev.connectkit.internal.nio;

import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nio backend never blocks while holding a lock (the JDK's own rule in SocketChannelImpl): a close() from
 * another thread goes through at once while a connect() is blocked, and the blocked call ends with EBADF.
 */
@DisplayName("the nio backend's locking")
class NioLockingTest {

    @Test
    @Timeout(20)
    @DisplayName("close() from another thread does not wait behind a blocked connect(); connect() ends with EBADF")
    void closeDoesNotWaitForABlockedConnect() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Sockets s = Sockets.nio(); SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            Thread[] connecting = new Thread[1];
            CompletableFuture<Errno> outcome = CompletableFuture.supplyAsync(() -> {
                connecting[0] = Thread.currentThread();
                try {
                    s.connect(fd, busy.address()); // the listener's queue is full: the SYN goes unanswered
                    return null;
                } catch (ErrnoException e) {
                    return e.errno();
                }
            }, pool);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connecting[0] == null || !insideConnect(connecting[0])) {
                assertThat(System.nanoTime()).as("the other thread reached connect()").isLessThan(deadline);
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            s.close(fd);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close() while connect() blocks")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(Errno.EBADF);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static boolean insideConnect(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getMethodName().equals("connect0")) {
                return true;
            }
        }
        return false;
    }
}
