package dev.connectkit.exercises.tcpclient;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 01: the seed's TCP client, in Java, with its errors handled. Instructions: README.md. */
public final class HelloClient {
    private HelloClient() {
    }

    /**
     * Connects a new TCP socket to {@code server}, sends {@code message} (UTF-8), and closes the socket.
     *
     * @return what send() returned: the number of bytes sent
     * @throws ErrnoException as the failing call reported it, after the socket was closed
     */
    public static int sendHello(Sockets sockets, SockAddr.In server, String message) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: HelloClient.sendHello (see README.md, task 1)");
    }
}
