package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S-03 and S-05 in Java: {@code DatagramChannel.connect()} empties the receive queue (the JDK reads and drops
 * what is queued, so that a connected channel only ever returns its peer's datagrams). The kernel keeps them
 * ({@link DatagramQueuedBeforeConnectTest}).
 */
@DisplayName("claim: Java's DatagramChannel.connect() drops datagrams queued before it (S-03, S-05)")
class JavaFlushesQueuedDatagramsTest {
    private static final long PROMPTLY_MILLIS = 2_000;

    @Test
    @DisplayName("DatagramChannel: a datagram queued before connect() is gone after it; the peer's next one arrives")
    void datagramChannelFlushesOnConnect() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramChannel channel = DatagramChannel.open().bind(loopback);
             DatagramChannel peer = DatagramChannel.open().bind(loopback);
             DatagramChannel stranger = DatagramChannel.open().bind(loopback);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            stranger.send(text("queued before connect()"), channel.getLocalAddress());
            assertThat(selector.select(PROMPTLY_MILLIS)).as("the stranger's datagram is queued (select, not read)")
                    .isEqualTo(1);
            selector.selectedKeys().clear();

            channel.connect(peer.getLocalAddress());
            assertThat(channel.receive(ByteBuffer.allocate(100)))
                    .as("connect() flushed the queue: nothing to receive, where the kernel alone would deliver it")
                    .isNull();

            peer.send(text("from the peer"), channel.getLocalAddress());
            assertThat(selector.select(PROMPTLY_MILLIS)).isEqualTo(1);
            ByteBuffer received = ByteBuffer.allocate(100);
            assertThat(channel.receive(received)).as("the peer's datagram, sent after connect(), arrives")
                    .isEqualTo(peer.getLocalAddress());
            assertThat(StandardCharsets.UTF_8.decode(received.flip()).toString()).isEqualTo("from the peer");
        }
    }

    @Test
    @DisplayName("the kit's nio backend shows it through the POSIX API: EAGAIN where the kernel delivers the datagram")
    void nioBackendFlushesOnConnect() throws Exception {
        try (Sockets s = Sockets.nio()) {
            int fd = Loopback.udpSocket(s);
            int peer = Loopback.udpSocket(s);
            int stranger = Loopback.udpSocket(s);
            s.sendto(stranger, "queued before connect()".getBytes(StandardCharsets.UTF_8), s.getsockname(fd));
            assertThat(s.poll(PollFd.readable(fd), (int) PROMPTLY_MILLIS)).contains(PollEvent.POLLIN);

            s.connect(fd, s.getsockname(peer));
            s.setNonBlocking(fd, true);
            assertThat(Outcome.of(() -> s.recvfrom(fd, 100))).as("the queued datagram was dropped by Java")
                    .isEqualTo(Outcome.failed(Errno.EAGAIN));
            s.close(fd);
            s.close(peer);
            s.close(stranger);
            assertThat(s.openDescriptors()).isEmpty();
        }
    }

    private static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
