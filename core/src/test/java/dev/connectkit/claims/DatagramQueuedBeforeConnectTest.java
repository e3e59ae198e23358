package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S-05 on the kernel: connect() on a datagram socket filters what arrives from then on; a datagram that was
 * already queued stays in the queue and is delivered, whoever sent it.
 */
@DisplayName("claim: a datagram queued before connect() is still delivered on Linux (S-05)")
class DatagramQueuedBeforeConnectTest extends OnTheKernel {

    @Test
    @DisplayName("a stranger's datagram queued before connect() is received after it; the next one is discarded")
    void queuedDatagramSurvivesConnect() throws Exception {
        int fd = Loopback.udpSocket(s);
        int peer = Loopback.udpSocket(s);
        int stranger = Loopback.udpSocket(s);
        try {
            s.sendto(stranger, bytes("queued before connect()"), s.getsockname(fd));
            assertThat(s.poll(PollFd.readable(fd), PROMPTLY_MILLIS)).as("the stranger's datagram is queued")
                    .contains(PollEvent.POLLIN);

            s.connect(fd, s.getsockname(peer));
            Datagram queued = s.recvfrom(fd, 100);
            assertThat(queued.text()).as("connect() left the queue alone: the stranger's datagram is delivered")
                    .isEqualTo("queued before connect()");
            assertThat(queued.from()).isEqualTo(s.getsockname(stranger));

            s.sendto(stranger, bytes("after connect()"), s.getsockname(fd));
            s.sendto(peer, bytes("from the peer"), s.getsockname(fd));
            assertThat(s.poll(PollFd.readable(fd), PROMPTLY_MILLIS)).contains(PollEvent.POLLIN);
            assertThat(s.recvfrom(fd, 100).text())
                    .as("sent first, the stranger's second datagram would be first in the queue; it was discarded")
                    .isEqualTo("from the peer");
            s.setNonBlocking(fd, true);
            assertThat(Outcome.of(() -> s.recvfrom(fd, 100))).as("nothing else is queued")
                    .isEqualTo(Outcome.failed(Errno.EAGAIN));
        } finally {
            s.close(fd);
            s.close(peer);
            s.close(stranger);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
