package dev.connectkit.examples.nonblocking;

import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

import static dev.connectkit.examples.runner.Expect.expect;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.Errno.EALREADY;
import static dev.connectkit.posix.Errno.EINPROGRESS;
import static dev.connectkit.posix.Errno.EISCONN;
import static dev.connectkit.posix.SocketOption.SO_ERROR;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A non-blocking connect() from start to end: EINPROGRESS, EALREADY while the handshake is pending, poll() for
 * writability, SO_ERROR to tell success from failure, then EISCONN; and the same with Java's Selector.
 *
 * <p>The pending state is made visible on purpose: the listener's accept queue is full, so the kernel drops the
 * SYN until the listener accepts, and the client's retransmit (about 1 s later) completes the handshake.
 */
public final class NonBlockingConnect extends TracedExample {

    /** Runs the example on its own, as {@code ./connectkit nonblocking-connect} does. */
    public static void main(String[] args) {
        System.exit(new NonBlockingConnect().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    // tag::busy-listener[]
    /** A non-blocking connect() to a listener that answers late: every state of the attempt. */
    static void connectNonBlocking(Sockets sockets, SaturatedListener busy) throws ErrnoException {
        SockAddr server = busy.address();
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        sockets.setNonBlocking(sockfd, true);               // fcntl(F_SETFL, O_NONBLOCK)

        expect(EINPROGRESS, () -> sockets.connect(sockfd, server)); // S-11: the SYN is sent; no waiting
        expect(EALREADY, () -> sockets.connect(sockfd, server));    // S-12: the attempt is still pending
        sockets.poll(PollFd.writable(sockfd), 200);         // not writable yet: (Timeout)

        busy.acceptFillers();                               // the listener makes room: the retransmit gets in
        sockets.poll(PollFd.writable(sockfd), 10_000);      // S-13: writable once the attempt completes
        int error = sockets.getsockopt(sockfd, SO_ERROR);   // 0: connected; else the attempt's errno
        if (error != 0) {
            throw new ErrnoException("connect", Errno.forNumber(error).orElse(Errno.EIO), sockfd, server);
        }
        sockets.connect(sockfd, server);                    // Linux reports the completed attempt once with 0,
        expect(EISCONN, () -> sockets.connect(sockfd, server));     // and from then on: already connected
        sockets.close(sockfd);
    }
    // end::busy-listener[]

    // tag::closed-port[]
    /** The same where nothing listens: a failed attempt is "writable" too; only SO_ERROR tells them apart. */
    static Errno connectNonBlockingRefused(Sockets sockets, SockAddr nobody) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        sockets.setNonBlocking(sockfd, true);
        expect(EINPROGRESS, () -> sockets.connect(sockfd, nobody)); // S-11, for a port nobody listens on too
        sockets.poll(PollFd.writable(sockfd), 2_000);       // S-13: POLLOUT, with POLLERR and POLLHUP
        int error = sockets.getsockopt(sockfd, SO_ERROR);   // ECONNREFUSED: this is how the failure shows
        sockets.close(sockfd);
        return Errno.forNumber(error).orElse(Errno.EIO);
    }
    // end::closed-port[]

    // tag::selector[]
    /** The same in Java: a Selector waits for OP_CONNECT, and finishConnect() reads SO_ERROR. */
    static void connectWithSelector(InetSocketAddress address, Session session) throws IOException {
        try (Selector selector = Selector.open(); SocketChannel channel = SocketChannel.open()) {
            channel.configureBlocking(false);
            boolean connected = channel.connect(address);            // false: EINPROGRESS underneath (S-11)
            session.note("java.pending", connected, channel.isConnectionPending());
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            selector.select(2_000);                                  // poll() for POLLOUT underneath (S-13)
            session.note("java.connectable", key.isConnectable());
            try {
                channel.finishConnect();                             // reads SO_ERROR
                session.note("java.connected", channel.getRemoteAddress());
            } catch (ConnectException e) {
                session.note("java.refused", e, channel.isOpen());   // finishConnect() closed the channel
            }
        }
    }
    // end::selector[]

    @Override
    protected void show(Session session) throws ErrnoException, IOException {
        session.heading("heading.busy");
        try (SaturatedListener busy = SaturatedListener.open(session.quiet())) {
            session.note("note.busy", busy.address(), busy.fillerCount());
            connectNonBlocking(session.sockets(), busy);
            int connfd = session.peer().accept(busy.fd());
            session.peer().close(connfd);
        }

        session.heading("heading.closed");
        Errno refused = connectNonBlockingRefused(session.sockets(), Loopback.closedPort(session.quiet()));
        session.note("note.refused", refused.name(), refused.meaning(session.language()));

        session.heading("heading.java");
        session.java(() -> {
            try (ServerSocket server = new ServerSocket(0, 8, InetAddress.ofLiteral("127.0.0.1"))) {
                connectWithSelector((InetSocketAddress) server.getLocalSocketAddress(), session);
            }
            connectWithSelector(closedPort(), session);
        });
    }

    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }
}
