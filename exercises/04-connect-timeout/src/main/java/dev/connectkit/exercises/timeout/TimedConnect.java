package dev.connectkit.exercises.timeout;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.time.Duration;

/** Exercise 04: connect() with a timeout, the classic way. Instructions: README.md. */
public final class TimedConnect {
    private TimedConnect() {
    }

    /**
     * A TCP socket connected to {@code server} in blocking mode, or an ErrnoException (ETIMEDOUT when
     * {@code timeout} passed; the kernel's errno when the attempt failed), with the socket closed.
     */
    public static int connect(Sockets sockets, SockAddr.In server, Duration timeout) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: TimedConnect.connect (README.md, task 1)");
    }
}
