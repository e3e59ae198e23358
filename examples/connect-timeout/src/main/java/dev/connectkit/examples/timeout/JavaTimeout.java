package dev.connectkit.examples.timeout;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.posix.SockAddr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Java's own connect timeout: the JDK connects without blocking and waits itself, up to the given time. */
final class JavaTimeout {
    private JavaTimeout() {
    }

    // tag::java-timeout[]
    static void run(SockAddr.In server, int timeoutMillis, Narrator out) {
        InetSocketAddress address = new InetSocketAddress(server.address(), server.port());
        Socket socket = new Socket();
        long start = System.nanoTime();
        try (socket) {
            socket.connect(address, timeoutMillis);
            out.println("connected (the server answered after all)");
        } catch (SocketTimeoutException e) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            out.println("socket.connect(" + address + ", " + timeoutMillis + ") threw " + e + " after about "
                    + (elapsed / 100 * 100) + " ms; socket.isClosed() = " + socket.isClosed());
            out.note("Java's own timer, not the kernel's: SocketTimeoutException; a kernel ETIMEDOUT would be"
                    + " java.net.ConnectException");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    // end::java-timeout[]
}
