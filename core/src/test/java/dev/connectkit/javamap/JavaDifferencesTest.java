package dev.connectkit.javamap;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a Java programmer must know that the man page does not say, each shown on the real JDK and kernel. */
@Timeout(30)
@DisplayName("Java differs from the man page")
class JavaDifferencesTest {
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private static InetSocketAddress java(SockAddr.In address) {
        return new InetSocketAddress(address.address(), address.port());
    }

    @Test
    @DisplayName("Thread.interrupt() during a blocking channel connect closes the channel, unlike EINTR")
    void interruptDuringABlockingChannelConnectClosesTheChannel() throws Exception {
        try (Sockets kit = Sockets.nio(); SaturatedListener busy = SaturatedListener.open(kit);
             SocketChannel channel = SocketChannel.open()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread connector = Thread.ofPlatform().start(() -> {
                try {
                    channel.connect(java(busy.address()));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            // Wait (with a deadline) until the thread is inside the JDK's connect, then interrupt it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!insideConnect(connector) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(insideConnect(connector)).as("the thread reached the blocking connect").isTrue();
            connector.interrupt();

            assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(ClosedByInterruptException.class);
            assertThat(channel.isOpen()).as("Java closed the channel: the attempt is aborted, not left to complete")
                    .isFalse();
            connector.join(5_000);
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

    @Test
    @DisplayName("a failed connect closes the channel, while the kernel's socket could try again")
    void aFailedConnectClosesTheChannel() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            nobody = (InetSocketAddress) probe.getLocalAddress();
        }
        SocketChannel channel = SocketChannel.open();
        assertThatThrownBy(() -> channel.connect(nobody)).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Connection refused");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("Socket.connect(address, timeout) gives SocketTimeoutException; a kernel ETIMEDOUT is ConnectException")
    void javasTimeoutIsSocketTimeoutExceptionNotTheKernelsConnectException() throws Exception {
        try (Sockets kit = Sockets.nio(); SaturatedListener busy = SaturatedListener.open(kit)) {
            Socket socket = new Socket();
            long start = System.nanoTime();
            assertThatThrownBy(() -> socket.connect(java(busy.address()), 300))
                    .isInstanceOf(SocketTimeoutException.class).hasMessageStartingWith("Connect timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(socket.isClosed()).as("and the socket is closed").isTrue();
        }
        assertThat(JavaErrors.of(dev.connectkit.posix.Errno.ETIMEDOUT).exception())
                .as("the kernel's ETIMEDOUT, by Net.c's mapping").isEqualTo(ConnectException.class);
    }

    @Test
    @DisplayName("OP_CONNECT is ready on failure as well as success")
    void opConnectIsReadyOnFailureAsWellAsSuccess() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            nobody = (InetSocketAddress) probe.getLocalAddress();
        }
        try (Selector selector = Selector.open(); SocketChannel channel = SocketChannel.open()) {
            channel.configureBlocking(false);
            assertThat(channel.connect(nobody)).isFalse();
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            assertThat(selector.select(2_000)).isEqualTo(1);
            assertThat(key.isConnectable()).as("ready, though the connection was refused").isTrue();
            assertThatThrownBy(channel::finishConnect).isInstanceOf(ConnectException.class);
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    @DisplayName("DatagramChannel.disconnect() is an AF_UNSPEC connect that rebinds the port Linux releases")
    void datagramChannelDisconnectRebindsThePort() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(peer.getLocalAddress());
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            channel.disconnect();
            assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort()).as("Java keeps the port")
                    .isEqualTo(port);
            assertThat(channel.getRemoteAddress()).isNull();
        }
        try (Sockets kernel = Sockets.nativeLibc()) {
            int peer = Loopback.udpSocket(kernel);
            int fd = kernel.socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
            kernel.connect(fd, kernel.getsockname(peer));
            kernel.connect(fd, SockAddr.unspec());
            assertThat(kernel.getsockname(fd)).as("the same AF_UNSPEC connect in C releases the port")
                    .isEqualTo(SockAddr.inet("0.0.0.0", 0));
        }
    }

    @Test
    @DisplayName("a Unix-domain client's local address is unnamed: the empty path")
    void unixDomainClientIsUnnamed(@TempDir Path dir) throws Exception {
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(path);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(path);
            assertThat(client.getLocalAddress()).isEqualTo(UnixDomainSocketAddress.of(""));
            try (SocketChannel accepted = server.accept()) {
                assertThat(accepted.getRemoteAddress()).isEqualTo(UnixDomainSocketAddress.of(""));
            }
        }
    }

    @Nested
    @DisplayName("each java.nio state error, raised by the JDK, stands for its POSIX situation")
    class StateErrors {

        private InetSocketAddress listening(ServerSocketChannel server) throws Exception {
            return (InetSocketAddress) server.bind(new InetSocketAddress(LOOPBACK, 0)).getLocalAddress();
        }

        @Test
        @DisplayName("AlreadyConnectedException: connect() on a connected channel (EISCONN)")
        void alreadyConnected() throws Exception {
            try (ServerSocketChannel server = ServerSocketChannel.open();
                 SocketChannel c = SocketChannel.open(listening(server))) {
                assertThatThrownBy(() -> c.connect(server.getLocalAddress())).isInstanceOf(AlreadyConnectedException.class);
            }
        }

        @Test
        @DisplayName("NoConnectionPendingException: finishConnect() with no connect() (no POSIX errno)")
        void noConnectionPending() throws Exception {
            try (SocketChannel c = SocketChannel.open()) {
                assertThatThrownBy(c::finishConnect).isInstanceOf(NoConnectionPendingException.class);
            }
        }

        @Test
        @DisplayName("UnresolvedAddressException: an address that is still a name (C takes numbers only)")
        void unresolved() throws Exception {
            try (SocketChannel c = SocketChannel.open()) {
                // createUnresolved() looks nothing up: no DNS query is made.
                assertThatThrownBy(() -> c.connect(InetSocketAddress.createUnresolved("localhost", 9)))
                        .isInstanceOf(UnresolvedAddressException.class);
                assertThat(c.isOpen()).as("an unchecked failure leaves the channel open").isTrue();
            }
        }

        @Test
        @DisplayName("UnsupportedAddressTypeException: an IPv6 address for an IPv4 channel (EAFNOSUPPORT)")
        void unsupportedAddressType() throws Exception {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.INET)) {
                assertThatThrownBy(() -> c.connect(new InetSocketAddress(InetAddress.ofLiteral("::1"), 9)))
                        .isInstanceOf(UnsupportedAddressTypeException.class);
            }
        }

        @Test
        @DisplayName("NotYetConnectedException: read before connect (ENOTCONN)")
        void notYetConnected() throws Exception {
            try (SocketChannel c = SocketChannel.open()) {
                assertThatThrownBy(() -> c.read(ByteBuffer.allocate(1))).isInstanceOf(NotYetConnectedException.class);
            }
        }

        @Test
        @DisplayName("AlreadyBoundException: bind() twice (EINVAL)")
        void alreadyBound() throws Exception {
            try (SocketChannel c = SocketChannel.open()) {
                c.bind(new InetSocketAddress(LOOPBACK, 0));
                assertThatThrownBy(() -> c.bind(new InetSocketAddress(LOOPBACK, 0)))
                        .isInstanceOf(AlreadyBoundException.class);
            }
        }

        @Test
        @DisplayName("the table lists exactly these state errors")
        void tableListsThem() {
            assertThat(JavaErrors.STATE_ERRORS).extracting(StateError::exception).containsExactlyInAnyOrder(
                    java.nio.channels.ConnectionPendingException.class, AlreadyConnectedException.class,
                    NoConnectionPendingException.class, UnresolvedAddressException.class,
                    UnsupportedAddressTypeException.class, NotYetConnectedException.class, AlreadyBoundException.class);
        }
    }
}
