package dev.connectkit.exercises.statemachine;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 05: the connect() state machine. Instructions: README.md. */
public final class ConnectLoop {
    private ConnectLoop() {
    }

    /** Completes a connect on the non-blocking socket {@code fd} with connect() and poll() only. */
    public static void connectAndWait(Sockets sockets, int fd, SockAddr.In server, int pollMillis) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: ConnectLoop.connectAndWait (README.md, task 1)");
    }
}
