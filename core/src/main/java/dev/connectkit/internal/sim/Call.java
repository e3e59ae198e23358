package dev.connectkit.internal.sim;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;

/**
 * The system call being carried out: its name, descriptor and address (null for none), which its failure
 * carries, and by which a wait and a deadlock name it.
 */
record Call(String name, int fd, SockAddr address) {

    Call(String name, int fd) {
        this(name, fd, null);
    }

    /** The failure of this call with {@code errno}, to be thrown; it names the descriptor and address itself. */
    ErrnoException fail(Errno errno) {
        return fd < 0 ? new ErrnoException(name, errno) : new ErrnoException(name, errno, fd, address);
    }

    /** {@code accept(3)}: how a wait and a deadlock name the call. */
    @Override
    public String toString() {
        return name + "(" + fd + ")";
    }
}
