package dev.connectkit.internal.libc;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.connectkit.internal.libc.EpollLoopCalls.AF_INET;
import static dev.connectkit.internal.libc.EpollLoopCalls.EPOLLOUT;
import static dev.connectkit.internal.libc.EpollLoopCalls.EPOLL_CTL_ADD;
import static dev.connectkit.internal.libc.EpollLoopCalls.EPOLL_CTL_DEL;
import static dev.connectkit.internal.libc.EpollLoopCalls.SOCK_STREAM_NONBLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** epoll through the libc mirror: the struct epoll_event layout, and a connect loop's calls as C makes them. */
@DisplayName("the epoll calls of a connect loop")
@Timeout(10)
class EpollLoopCallsTest {
    private EpollLoopCalls c;
    private int epfd = -1;

    @BeforeEach
    void open() {
        assumeTrue(NativeSockets.unavailableReason().isEmpty(), () -> NativeSockets.unavailableReason().orElseThrow());
        c = new EpollLoopCalls(8);
        epfd = c.epoll_create1();
        assertThat(epfd).as("epoll_create1 (errno %d)", c.errno()).isNotNegative();
    }

    @AfterEach
    void close() {
        if (c != null) {
            c.close(epfd);
            c.close();
        }
    }

    @Test
    @DisplayName("a non-blocking connect() to a listener is EINPROGRESS, then EPOLLOUT names its descriptor, SO_ERROR 0")
    void connectsThroughEpoll() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0))) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            int fd = c.socket(AF_INET, SOCK_STREAM_NONBLOCK);
            assertThat(fd).isNotNegative();
            try {
                MemorySegment to = c.sockaddr(SockAddr.loopback(port));
                int r = c.connect(fd, to);
                // Loopback may finish the handshake inside connect(); otherwise it is EINPROGRESS (S-11).
                if (r == -1) {
                    assertThat(c.errno()).isEqualTo(Errno.EINPROGRESS.linuxNumber());
                }
                assertThat(c.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, EPOLLOUT)).isZero();
                assertThat(c.epoll_wait(epfd, 5_000)).isEqualTo(1);
                assertThat(c.readyFd(0)).as("events[0].data.fd").isEqualTo(fd);
                assertThat(c.readyEvents(0) & EPOLLOUT).as("events[0].events").isEqualTo(EPOLLOUT);
                assertThat(c.soError(fd)).isZero();
                assertThat(c.epoll_ctl(epfd, EPOLL_CTL_DEL, fd, 0)).isZero();
                assertThat(c.lingerZero(fd)).isZero();
            } finally {
                assertThat(c.close(fd)).isZero();
            }
            assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).as("descriptor released").isFalse();
        }
    }

    @Test
    @DisplayName("a connect() to a port where nothing listens reports ECONNREFUSED through SO_ERROR or at once")
    void refusedThroughEpoll() throws Exception {
        int port;
        try (Sockets kit = Sockets.nativeLibc()) {
            port = Loopback.closedPort(kit).port();
        }
        int fd = c.socket(AF_INET, SOCK_STREAM_NONBLOCK);
        try {
            int r = c.connect(fd, c.sockaddr(SockAddr.loopback(port)));
            if (r == -1 && c.errno() == Errno.ECONNREFUSED.linuxNumber()) {
                return; // refused inside connect(): loopback answered before the call returned
            }
            assertThat(c.errno()).isEqualTo(Errno.EINPROGRESS.linuxNumber());
            assertThat(c.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, EPOLLOUT)).isZero();
            assertThat(c.epoll_wait(epfd, 5_000)).isEqualTo(1);
            assertThat(c.readyFd(0)).isEqualTo(fd);
            assertThat(c.soError(fd)).isEqualTo(Errno.ECONNREFUSED.linuxNumber());
        } finally {
            c.close(fd);
        }
    }

    @Test
    @DisplayName("epoll_ctl on a descriptor that is not open fails with EBADF, and epoll_wait times out with 0")
    void errorsAreCCalls() {
        assertThat(c.epoll_ctl(epfd, EPOLL_CTL_ADD, 1_000_000, EPOLLOUT)).isEqualTo(-1);
        assertThat(c.errno()).isEqualTo(Errno.EBADF.linuxNumber());
        assertThat(c.epoll_wait(epfd, 1)).isZero();
    }
}
