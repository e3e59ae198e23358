package dev.connectkit.internal.sim;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;

/** The system call being carried out: its name for the errno it fails with, and its descriptor for waits. */
record Call(String name, int fd) {

    /** The failure of this call with {@code errno}, to be thrown. */
    ErrnoException fail(Errno errno) {
        return new ErrnoException(name, errno);
    }

    /** {@code accept(3)}: how a wait and a deadlock name the call. */
    @Override
    public String toString() {
        return name + "(" + fd + ")";
    }
}
