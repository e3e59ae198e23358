package dev.connectkit.claims;

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
 * ({@link DatagramQueuedBeforeConnectTest}). The kit's nio backend is not the witness here: it reads ahead to
 * report poll() events as the kernel does, which keeps such a datagram.
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

    private static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
