package dev.connectkit.exercises.happyeyeballs;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.util.List;

/** Exercise 08: Happy Eyeballs, racing IPv6 and IPv4. Instructions: README.md. */
public final class HappyEyeballs {
    private HappyEyeballs() {
    }

    /**
     * The descriptor of the first candidate to connect, racing them as RFC 8305 describes, in blocking mode;
     * every other socket is closed. When every attempt fails: the last failure, the others added as suppressed.
     */
    public static int connect(Sockets sockets, List<SockAddr> candidates, Duration attemptDelay) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: HappyEyeballs.connect (README.md, task 1)");
    }
}
