package dev.connectkit.exercises.statemachine;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 05, reference solution. */
public final class ConnectLoop {
    private ConnectLoop() {
    }

    public static void connectAndWait(Sockets sockets, int fd, SockAddr.In server, int pollMillis) throws ErrnoException {
        while (true) {
            try {
                sockets.connect(fd, server);
                return; // 0: connected (the "0 once" after an asynchronous completion)
            } catch (ErrnoException e) {
                switch (e.errno()) {
                    case EISCONN -> {
                        return;
                    }
                    case EINPROGRESS, EALREADY -> sockets.poll(PollFd.writable(fd), pollMillis);
                    default -> throw e;
                }
            }
        }
    }
}
