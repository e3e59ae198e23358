package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The example's own server on 127.0.0.1: it listens, and once the client is done it accepts the connection
 * and prints what arrived. The kernel completes the handshake without waiting for accept(), so client and
 * server can take turns in one thread, and the output is the same every run.
 */
final class EmbeddedListener implements AutoCloseable {
    private final Sockets sockets;
    private final int fd;
    private final SockAddr.In address;
    private final Narrator out;

    private EmbeddedListener(Sockets sockets, int fd, Narrator out) throws ErrnoException {
        this.sockets = sockets;
        this.fd = fd;
        this.address = Loopback.addressOf(sockets, fd);
        this.out = out;
    }

    /** Listens on 127.0.0.1:{@code port}; port 0 lets the kernel pick one. A taken port gives EADDRINUSE. */
    static EmbeddedListener start(Sockets sockets, int port, Narrator out) throws ErrnoException {
        int fd = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
        try {
            SockAddr.In at = SockAddr.loopback(port);
            try {
                sockets.bind(fd, at);
            } catch (ErrnoException e) {
                out.peer("bind(" + fd + ", " + at + ") = -1 " + e.errno().describe() + " " + e.errno().meaning());
                throw e;
            }
            sockets.listen(fd, 8);
            EmbeddedListener listener = new EmbeddedListener(sockets, fd, out);
            out.peer("listening on " + listener.address);
            return listener;
        } catch (ErrnoException e) {
            sockets.close(fd);
            throw e;
        }
    }

    SockAddr.In address() {
        return address;
    }

    /** Accepts the client's connection and prints everything it sent. */
    String printWhatArrived() throws ErrnoException {
        int conn = sockets.accept(fd);
        try {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[256];
            for (int n; (n = sockets.recv(conn, buffer)) > 0; ) {
                received.write(buffer, 0, n);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            out.peer("accepted a connection from " + sockets.getpeername(conn) + " and received \"" + text + "\"");
            return text;
        } finally {
            sockets.close(conn);
        }
    }

    @Override
    public void close() throws ErrnoException {
        sockets.close(fd);
    }
}
