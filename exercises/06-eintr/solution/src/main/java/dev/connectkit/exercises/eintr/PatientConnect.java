package dev.connectkit.exercises.eintr;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

/** Exercise 06, reference solution. */
public final class PatientConnect {
    private PatientConnect() {
    }

    public static void connect(Sockets sockets, int fd, SockAddr.In server) throws ErrnoException {
        try {
            sockets.connect(fd, server);
            return;
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EINTR) {
                throw e;
            }
        }
        // The attempt goes on (S-10): wait for it instead of starting another.
        while (true) {
            try {
                sockets.poll(PollFd.writable(fd), -1);
                break;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
        int error = sockets.getsockopt(fd, SocketOption.SO_ERROR);
        if (error != 0) {
            throw new ErrnoException("connect", Errno.forNumber(error).orElseThrow());
        }
    }
}
