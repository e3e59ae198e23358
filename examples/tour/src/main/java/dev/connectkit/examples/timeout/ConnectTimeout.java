package dev.connectkit.examples.timeout;

import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import static dev.connectkit.examples.runner.Expect.expect;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.Errno.EINPROGRESS;
import static dev.connectkit.posix.Errno.ETIMEDOUT;
import static dev.connectkit.posix.SocketOption.TCP_SYNCNT;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A blocking connect() that times out. The man page's "unspecified timeout" is, on Linux, tcp_syn_retries SYN
 * retransmits (6: about 127 s); TCP_SYNCNT=1 shortens it to about 3 s. Then the two ways to choose your own
 * timeout: a non-blocking connect with poll(), and Java's {@code Socket.connect(address, timeout)}.
 */
public final class ConnectTimeout extends TracedExample {

    /** Runs the example on its own, as {@code ./connectkit connect-timeout} does. */
    public static void main(String[] args) {
        System.exit(new ConnectTimeout().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    // tag::kernel-timeout[]
    /** A blocking connect() to a listener that never answers: the kernel gives up after the SYN retransmits. */
    static void kernelTimeout(Sockets sockets, SockAddr server, int synRetries) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        try {
            sockets.setsockopt(sockfd, TCP_SYNCNT, synRetries);     // Linux: this many retransmits, then ETIMEDOUT
            expect(ETIMEDOUT, () -> sockets.connect(sockfd, server)); // S-08 blocks; S-09 fails, attempt aborted
        } finally {
            sockets.close(sockfd);
        }
    }
    // end::kernel-timeout[]

    // tag::poll-timeout[]
    /** A timeout of your own: connect without blocking, and wait for writability only as long as you choose. */
    static boolean pollTimeout(Sockets sockets, SockAddr server, int timeoutMillis) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        try {
            sockets.setNonBlocking(sockfd, true);
            expect(EINPROGRESS, () -> sockets.connect(sockfd, server)); // S-11
            return sockets.poll(PollFd.writable(sockfd), timeoutMillis).isEmpty(); // empty: our timeout expired
        } finally {
            sockets.close(sockfd);                          // closing the socket aborts the attempt
        }
    }
    // end::poll-timeout[]

    // tag::java-timeout[]
    /** Java's own timeout: the JDK connects without blocking and waits itself, up to the time given. */
    static SocketTimeoutException javaTimeout(InetSocketAddress server, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try (socket) {
            socket.connect(server, timeoutMillis);
            throw new IllegalStateException("the server at " + server + " answered after all");
        } catch (SocketTimeoutException e) {
            return e;                                       // Java's timer, not the kernel's: not ETIMEDOUT
        }
    }
    // end::java-timeout[]

    @Override
    protected void show(Session session) throws ErrnoException, IOException {
        try (SaturatedListener busy = SaturatedListener.open(session.quiet())) {
            session.note("note.busy", busy.address());

            session.heading("heading.kernel");
            kernelTimeout(session.sockets(), busy.address(), 1);
            if (session.simulated()) {
                session.heading("heading.default");
                kernelTimeout(session.sockets(), busy.address(), 6);
            }

            session.heading("heading.poll");
            if (pollTimeout(session.sockets(), busy.address(), 500)) {
                session.note("note.ownTimeout", 500);
            }

            session.heading("heading.java");
            if (session.kernel()) {
                SockAddr.In server = busy.address();
                SocketTimeoutException e = javaTimeout(new InetSocketAddress(server.address(), server.port()), 700);
                session.note("note.javaTimeout", e);
            } else {
                session.java(() -> session.note("note.javaNeedsKernel"));
            }
        }
    }
}
