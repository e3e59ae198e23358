package dev.connectkit.examples.unixdomain;

import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static dev.connectkit.examples.runner.Expect.expect;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.Errno.ENOENT;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * AF_UNIX: the man page's exception to the implicit bind. A client that connects without bind() stays unnamed,
 * and the server sees it unnamed too. A missing path is ENOENT, not ECONNREFUSED. Then the same with
 * {@code SocketChannel} and {@code UnixDomainSocketAddress}.
 *
 * <p>On the kernel the sockets live in a fresh temporary directory, removed at the end; on the simulated network
 * the paths are fixed (nothing is written to disk), so a simulated run prints the same bytes every time.
 */
public final class UnixDomain extends TracedExample {

    /** Where the simulated network's sockets are named: a path of the simulation, never created on disk. */
    static final Path SIMULATED_DIRECTORY = Path.of("/connectkit-simulated");

    /** Runs the example on its own, as {@code ./connectkit unix-domain} does. */
    public static void main(String[] args) {
        System.exit(new UnixDomain().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    // tag::unnamed-client[]
    /** An AF_UNIX client connects without bind(): it stays unnamed (S-02), where AF_INET would be bound (S-01). */
    static void unnamedClient(Sockets sockets, SockAddr.Un path) throws ErrnoException {
        int sockfd = sockets.socket(AF_UNIX, SOCK_STREAM);
        sockets.connect(sockfd, path);                      // S-02: no implicit bind for AF_UNIX
        sockets.getsockname(sockfd);                        // S-02: {AF_UNIX}, the family and no path
        sockets.close(sockfd);
    }

    /** The example's own server on {@code path}: it accepts the client, and sees it unnamed too. */
    static void server(Sockets sockets, int listenfd) throws ErrnoException {
        int connfd = sockets.accept(listenfd);
        sockets.getpeername(connfd);                        // the client: unnamed
        sockets.close(connfd);
    }
    // end::unnamed-client[]

    // tag::missing-path[]
    /** AF_UNIX addresses are files: a path where no socket is bound gives ENOENT, not ECONNREFUSED. */
    static void missingPath(Sockets sockets, SockAddr.Un path) throws ErrnoException {
        int sockfd = sockets.socket(AF_UNIX, SOCK_STREAM);
        expect(ENOENT, () -> sockets.connect(sockfd, path));
        sockets.close(sockfd);
    }
    // end::missing-path[]

    // tag::unix-channel[]
    /** The same through java.nio: an implicitly bound client's local address is the empty path, unnamed. */
    static void unixChannel(Path socketFile, Session session) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socketFile);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(address);                                 // S-02
            session.note("java.client", client.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                session.note("java.accepted", accepted.getRemoteAddress());
            }
        }
    }
    // end::unix-channel[]

    @Override
    protected void show(Session session) throws ErrnoException, IOException {
        Path dir = session.simulated() ? SIMULATED_DIRECTORY : Files.createTempDirectory("connectkit-unix");
        try {
            session.heading("heading.client");
            SockAddr.Un path = SockAddr.unix(dir.resolve("server.sock").toString());
            Sockets peer = session.peer();
            int listenfd = peer.socket(AF_UNIX, SOCK_STREAM);
            peer.bind(listenfd, path);
            peer.listen(listenfd, 4);
            unnamedClient(session.sockets(), path);
            server(peer, listenfd);
            peer.close(listenfd);

            session.heading("heading.missing");
            missingPath(session.sockets(), SockAddr.unix(dir.resolve("nobody.sock").toString()));
        } finally {
            if (!session.simulated()) {
                deleteRecursively(dir);
            }
        }

        session.heading("heading.java");
        session.java(() -> {
            Path javaDir = Files.createTempDirectory("connectkit-unix"); // java.nio's socket file is a real one
            try {
                unixChannel(javaDir.resolve("java.sock"), session);
            } finally {
                deleteRecursively(javaDir);
            }
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
