package dev.connectkit.claims;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The "Java:" lines of the statements page that no other test covers, each checked on this JDK over loopback.
 * (The others are in javamap.JavaDifferencesTest and JavaErrorsEvidenceTest, and in the nio conformance suite.)
 */
@DisplayName("claim: what the statements page says Java does")
class JavaStatementsTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    @DisplayName("S-01: Socket.isBound() becomes true with connect(), which bound it implicitly")
    void socketIsBoundByConnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             Socket socket = new Socket()) {
            assertThat(socket.isBound()).as("before connect()").isFalse();
            socket.connect(server.getLocalSocketAddress());
            assertThat(socket.isBound()).as("after connect()").isTrue();
            assertThat(socket.getLocalPort()).as("an ephemeral port").isPositive();
        }
    }

    @Test
    @DisplayName("S-01, S-11: a pending SocketChannel has no local address yet; connect() returned false and it is pending")
    void pendingChannelHasNoLocalAddress() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(ANY_LOOPBACK_PORT, 8);
             SocketChannel channel = SocketChannel.open()) {
            channel.configureBlocking(false);
            assertThat(channel.connect(server.getLocalAddress())).as("a non-blocking connect() on TCP: EINPROGRESS")
                    .isFalse();
            assertThat(channel.isConnectionPending()).isTrue();
            assertThat(channel.getLocalAddress()).as("getLocalAddress() while the connection is pending").isNull();
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                assertThat(selector.select(2_000)).as("OP_CONNECT within 2 s on loopback").isEqualTo(1);
            }
            assertThat(channel.finishConnect()).isTrue();
            assertThat(channel.getLocalAddress()).as("getLocalAddress() once finishConnect() returned true")
                    .isNotNull();
        }
    }

    @Test
    @DisplayName("S-04: a connected DatagramChannel writes to its peer; send() to another address is AlreadyConnectedException")
    void connectedDatagramChannelSendsOnlyToThePeer() throws Exception {
        try (DatagramChannel channel = DatagramChannel.open().bind(ANY_LOOPBACK_PORT);
             DatagramChannel peer = DatagramChannel.open().bind(ANY_LOOPBACK_PORT);
             DatagramChannel other = DatagramChannel.open().bind(ANY_LOOPBACK_PORT)) {
            channel.connect(peer.getLocalAddress());
            assertThat(channel.write(ByteBuffer.wrap(new byte[] {1}))).as("write() goes to the peer").isEqualTo(1);
            assertThatThrownBy(() -> channel.send(ByteBuffer.wrap(new byte[] {2}), other.getLocalAddress()))
                    .as("where the kernel's sendto() would send it").isInstanceOf(AlreadyConnectedException.class);
        }
    }

    @Test
    @DisplayName("S-14: DatagramSocket sets SO_BROADCAST itself, so its connect() to a broadcast address succeeds")
    void datagramSocketBroadcastsByDefault() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(ANY_LOOPBACK_PORT)) {
            assertThat(socket.getBroadcast()).as("SO_BROADCAST on a new DatagramSocket").isTrue();
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, (byte) 255, (byte) 255,
                    (byte) 255}), 9));
            assertThat(socket.isConnected()).as("connected to 127.255.255.255 (nothing is sent)").isTrue();
        }
    }
}
