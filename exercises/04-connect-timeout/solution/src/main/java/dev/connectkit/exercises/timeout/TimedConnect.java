package dev.connectkit.exercises.timeout;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.time.Duration;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/** Exercise 04, reference solution. */
public final class TimedConnect {
    private TimedConnect() {
    }

    public static int connect(Sockets sockets, SockAddr.In server, Duration timeout) throws ErrnoException {
        int fd = sockets.socket(AF_INET, SOCK_STREAM);
        try {
            sockets.setNonBlocking(fd, true);
            try {
                sockets.connect(fd, server);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINPROGRESS) {
                    throw e;
                }
                if (sockets.poll(PollFd.writable(fd), (int) timeout.toMillis()).isEmpty()) {
                    throw new ErrnoException("connect", Errno.ETIMEDOUT);
                }
                int error = sockets.getsockopt(fd, SocketOption.SO_ERROR);
                if (error != 0) {
                    throw new ErrnoException("connect", Errno.forNumber(error).orElseThrow());
                }
            }
            sockets.setNonBlocking(fd, false);
            return fd;
        } catch (ErrnoException e) {
            sockets.close(fd);
            throw e;
        }
    }
}
