package dev.connectkit.examples.interrupted;

import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.util.List;

import static dev.connectkit.examples.runner.Expect.expect;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.Errno.EALREADY;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.SocketOption.SO_ERROR;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A real signal interrupts a blocking connect(): it fails with EINTR, but the attempt is not aborted and the
 * connection completes asynchronously. Calling connect() again is the classic mistake (EALREADY on a
 * non-blocking socket); the correct way is to wait for writability and read SO_ERROR.
 */
public final class InterruptedConnect extends TracedExample {

    /** Runs the example on its own, as {@code ./connectkit interrupted-connect} does. */
    public static void main(String[] args) {
        System.exit(new InterruptedConnect().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    // tag::interrupted[]
    /** A blocking connect() that a signal interrupts, then the right way to wait for its outcome. */
    static int interruptThenWait(Sockets sockets, SaturatedListener busy) throws ErrnoException {
        SockAddr server = busy.address();
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        sockets.alarm(Duration.ofMillis(300));              // SIGALRM in 300 ms; its handler has no SA_RESTART
        expect(EINTR, () -> sockets.connect(sockfd, server));        // S-10: interrupted, but not aborted
        expect(ENOTCONN, () -> sockets.getpeername(sockfd));         // not connected yet; the SYN is retried

        // The wrong way: connect() again (non-blocking, so that it reports rather than waits).
        sockets.setNonBlocking(sockfd, true);
        expect(EALREADY, () -> sockets.connect(sockfd, server));     // S-12: a retry loop that gives up here
                                                                     // abandons a connection on its way
        // The right way: wait until the socket is writable, then read SO_ERROR.
        busy.acceptFillers();                               // the listener makes room for the retransmit
        sockets.poll(PollFd.writable(sockfd), 10_000);      // S-13
        int error = sockets.getsockopt(sockfd, SO_ERROR);   // 0: the interrupted attempt completed (S-10)
        if (error != 0) {
            throw new ErrnoException("connect", Errno.forNumber(error).orElse(Errno.EIO), sockfd, server);
        }
        sockets.getpeername(sockfd);                        // connected after all
        return sockfd;
    }
    // end::interrupted[]

    @Override
    protected void show(Session session) throws ErrnoException {
        session.heading("heading");
        try (SaturatedListener busy = SaturatedListener.open(session.quiet())) {
            session.note("note.busy", busy.address());
            int sockfd = interruptThenWait(session.sockets(), busy);
            int connfd = session.peer().accept(busy.fd());  // the listener accepts that very client
            session.peer().getpeername(connfd);
            session.peer().close(connfd);
            session.sockets().close(sockfd);
        }
    }
}
