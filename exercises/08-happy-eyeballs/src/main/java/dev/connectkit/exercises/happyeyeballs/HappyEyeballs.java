package dev.connectkit.exercises.happyeyeballs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/** Exercise 08: Happy Eyeballs on loopback. Instructions: README.md. */
public final class HappyEyeballs {
    private HappyEyeballs() {
    }

    /** The first candidate to connect, racing them RFC 8305 style; every other channel is closed. */
    public static SocketChannel connect(List<InetSocketAddress> candidates, Duration attemptDelay) throws IOException {
        throw new UnsupportedOperationException("not implemented yet: HappyEyeballs.connect (README.md, task 1)");
    }
}
