package dev.connectkit.examples.nonblocking;

import dev.connectkit.examples.support.Narrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** A non-blocking connect the way Java programs write it: a Selector waits for OP_CONNECT. */
final class SelectorConnect {
    private SelectorConnect() {
    }

    static void run(Narrator out) {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.ofLiteral("127.0.0.1"))) {
            connect((InetSocketAddress) server.getLocalSocketAddress(), out);
            InetSocketAddress nobody = closedPort();
            connect(nobody, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // tag::selector[]
    static void connect(InetSocketAddress address, Narrator out) throws IOException {
        try (Selector selector = Selector.open(); SocketChannel channel = SocketChannel.open()) {
            channel.configureBlocking(false);
            boolean connected = channel.connect(address);
            out.println("channel.connect(" + address + ") = " + connected + ", isConnectionPending() = "
                    + channel.isConnectionPending() + "   (the kernel said EINPROGRESS)");
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            int ready = selector.select(2_000);
            out.println("selector.select() = " + ready + ", key.isConnectable() = " + key.isConnectable()
                    + "   (poll() reported POLLOUT)");
            try {
                out.println("channel.finishConnect() = " + channel.finishConnect() + ", remote address "
                        + channel.getRemoteAddress() + "   (SO_ERROR was 0)");
            } catch (ConnectException e) {
                out.println("channel.finishConnect() threw " + e + "; channel.isOpen() = " + channel.isOpen());
                out.note("OP_CONNECT is ready on failure too; finishConnect() reads SO_ERROR, throws, and closes");
            }
        }
    }
    // end::selector[]

    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }
}
