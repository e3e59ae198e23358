package dev.connectkit.exercises.ephemeral;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 02: the port connect() picked, and a port of your own. Instructions: README.md. */
public final class LocalPort {
    private LocalPort() {
    }

    /** Task 1: connects the unbound socket {@code fd} to {@code server}; returns the local port the kernel chose. */
    public static int connectAndGetLocalPort(Sockets sockets, int fd, SockAddr.In server) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: LocalPort.connectAndGetLocalPort (README.md, task 1)");
    }

    /** Task 2: binds {@code fd} to {@code local}, then connects it to {@code server}. */
    public static void connectFrom(Sockets sockets, int fd, SockAddr.In local, SockAddr.In server) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: LocalPort.connectFrom (README.md, task 2)");
    }
}
