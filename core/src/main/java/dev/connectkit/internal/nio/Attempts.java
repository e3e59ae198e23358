package dev.connectkit.internal.nio;

import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.posix.Errno;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The end of a connection attempt, as the kernel keeps it: Java closes a channel whose attempt failed, Linux
 * keeps the socket, with the error pending (SO_ERROR, S-09/S-13) and ready for another connect().
 */
final class Attempts {
    private Attempts() {
    }

    /**
     * Completes the attempt of {@code sc} if it has ended, without waiting: on success the channel is connected;
     * on failure the error becomes pending and the descriptor moves to a fresh channel, as Linux's socket
     * survives a failed attempt (an implicit port is released, an explicit bind is kept).
     *
     * @return whether the attempt has ended
     */
    static boolean finishIfDone(Descriptor d, SocketChannel sc) {
        try {
            if (sc.isBlocking() && !sc.isRegistered()) {
                sc.configureBlocking(false); // finishConnect() must only look, never wait
            }
            boolean done = sc.finishConnect();
            d.completionUnreported |= done; // Linux's socket layer still says "connecting" until connect() is asked
            if (sc.isOpen() && !sc.isRegistered()) {
                sc.configureBlocking(!d.nonBlocking);
            }
            return done;
        } catch (IOException e) {
            failed(d, JavaErrors.errnoOf(e).orElseThrow(() -> new IllegalStateException(
                    "finishConnect() threw " + e + ", which the errno-to-Java table does not translate", e)));
            return true;
        }
    }

    /** Records a failed attempt: the error pending, the socket shut down both ways, a fresh channel behind it. */
    static void failed(Descriptor d, Errno error) {
        d.pendingError = error;
        d.shutBoth = true;
        d.attemptFailed = true;
        try {
            d.replace(d.freshChannel(true));
        } catch (IOException e) {
            throw new IllegalStateException("could not reopen the socket after its attempt failed: " + e, e);
        }
    }
}
