package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.posix.SockAddr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The same flow as {@link SendHello} the way Java programmers write it: {@code java.net.Socket}. */
final class SendHelloJava {
    private SendHelloJava() {
    }

    // tag::send-hello-java[]
    static void run(SockAddr server, Narrator out) {
        InetSocketAddress destAddr = toJava(server);
        try (Socket socket = new Socket()) {
            out.println("new Socket(): bound=" + socket.isBound() + ", local port " + socket.getLocalPort());
            socket.connect(destAddr);
            out.println("connect(" + destAddr + "): connected, bound=" + socket.isBound()
                    + ", local address " + socket.getLocalSocketAddress());
            OutputStream output = socket.getOutputStream();
            output.write(SendHello.MESSAGE.getBytes(StandardCharsets.UTF_8));
            out.println("write(\"" + SendHello.MESSAGE + "\")");
        } catch (IOException e) {
            // A failed connect has already closed the socket (java.net.Socket closes itself on failure).
            out.println("connect(" + destAddr + ") threw " + e);
            throw new UncheckedIOException(e);
        }
        out.println("close(): the try-with-resources block closed the socket");
    }
    // end::send-hello-java[]

    static void runWithEmbeddedServer(Narrator out) {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.ofLiteral("127.0.0.1"))) {
            out.peer("listening on " + server.getLocalSocketAddress());
            run(SockAddr.loopback(server.getLocalPort()), out);
            try (Socket conn = server.accept(); InputStream in = conn.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                out.peer("accepted a connection from " + conn.getRemoteSocketAddress() + " and received \""
                        + text + "\"");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // tag::refused-java[]
    static void showRefused(Narrator out) {
        try {
            InetSocketAddress nobody = portNobodyListensOn();
            try (Socket socket = new Socket()) {
                socket.connect(nobody);
            } catch (ConnectException e) {
                out.println("new Socket().connect(" + nobody + ") threw " + e.getClass().getName() + ": "
                        + e.getMessage());
                out.note("Java reports ECONNREFUSED as java.net.ConnectException, and closes the socket");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    // end::refused-java[]

    /** A loopback port the kernel just handed out to a listener that is already closed again. */
    private static InetSocketAddress portNobodyListensOn() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }

    /** The kit's address as Java's; the address is already numeric, so nothing is looked up. */
    static InetSocketAddress toJava(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> new InetSocketAddress(in.address(), in.port());
            case SockAddr.In6 in6 -> new InetSocketAddress(in6.address(), in6.port());
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }
}
