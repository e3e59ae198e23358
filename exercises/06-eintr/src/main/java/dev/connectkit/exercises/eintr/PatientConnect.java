package dev.connectkit.exercises.eintr;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 06: EINTR done right. Instructions: README.md. */
public final class PatientConnect {
    private PatientConnect() {
    }

    /** Connects the blocking socket {@code fd} to {@code server}, surviving signals. */
    public static void connect(Sockets sockets, int fd, SockAddr.In server) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: PatientConnect.connect (README.md, task 1)");
    }
}
