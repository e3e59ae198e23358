package dev.connectkit.exercises.ephemeral;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 02, reference solution. */
public final class LocalPort {
    private LocalPort() {
    }

    public static int connectAndGetLocalPort(Sockets sockets, int fd, SockAddr.In server) throws ErrnoException {
        sockets.connect(fd, server);
        return ((SockAddr.In) sockets.getsockname(fd)).port();
    }

    public static void connectFrom(Sockets sockets, int fd, SockAddr.In local, SockAddr.In server) throws ErrnoException {
        sockets.bind(fd, local);
        sockets.connect(fd, server);
    }
}
