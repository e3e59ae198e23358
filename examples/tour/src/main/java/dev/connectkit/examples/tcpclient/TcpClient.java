package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.runner.Converters;
import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.Text;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The seed's C client, done right: {@code socket()}, {@code connect()} (which binds the socket to an unused
 * port), {@code send()}, {@code close()}, with the socket closed on every path; the same with
 * {@code java.net.Socket}; and a refused connection in both.
 *
 * <p>It starts its own listener on a loopback port the kernel picks; {@code --host} and {@code --port} point the
 * client at a server of the reader's choice instead.
 */
public final class TcpClient extends TracedExample {

    /** The seed's {@code #define PORT 8080}: the port when only {@code --host} is given. */
    static final int PORT = 8080;
    /** What the seed's client sends. */
    static final String MESSAGE = "Hello, Server!";

    @Option(names = "--host", paramLabel = "ADDRESS", converter = Converters.Ipv4Host.class,
            descriptionKey = "option.host")
    String host;

    @Option(names = "--port", paramLabel = "PORT", converter = Converters.Port.class, descriptionKey = "option.port")
    Integer port;

    @Option(names = "--listen-port", paramLabel = "PORT", converter = Converters.Port.class,
            descriptionKey = "option.listen-port")
    Integer listenPort;

    /** Runs the example on its own, as {@code ./connectkit tcp-client} does. */
    public static void main(String[] args) {
        System.exit(new TcpClient().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    // tag::client[]
    /** The seed's {@code main()}: connect to {@code ip}:{@code port}, send one message, close. */
    static void sendHello(Sockets sockets, String ip, int port, PrintStream out) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM); // a failure throws: C's -1 and errno
        try {
            sockets.getsockname(sockfd);                    // not bound yet: address 0.0.0.0, port 0

            SockAddr destAddr = SockAddr.parse(ip, port);   // sin_family, sin_addr, sin_port; no DNS lookup

            sockets.connect(sockfd, destAddr);              // S-07 connects; S-01 binds an unused local port
            out.println("Successfully connected to the server.");
            sockets.getsockname(sockfd);                    // S-01: the port connect() chose

            byte[] message = MESSAGE.getBytes(StandardCharsets.UTF_8);
            sockets.send(sockfd, message);
            out.println("Hello message sent");
        } finally {
            sockets.close(sockfd);                          // on every path: the seed leaks it on an error
        }
    }
    // end::client[]

    // tag::listener[]
    /** The example's own server: a listening socket on 127.0.0.1; port 0 lets the kernel pick one. */
    static int listen(Sockets sockets, int port) throws ErrnoException {
        int listenfd = sockets.socket(AF_INET, SOCK_STREAM);
        try {
            sockets.bind(listenfd, SockAddr.loopback(port)); // a port in use gives EADDRINUSE
            sockets.listen(listenfd, 8);
            return listenfd;
        } catch (ErrnoException e) {
            sockets.close(listenfd);
            throw e;
        }
    }

    /** Accepts one connection and reads until the client closes it: what arrived. */
    static String receive(Sockets sockets, int listenfd) throws ErrnoException {
        int connfd = sockets.accept(listenfd);              // the kernel completed the handshake already
        try {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[256];
            for (int n; (n = sockets.recv(connfd, buffer)) > 0; ) {
                received.write(buffer, 0, n);
            }
            sockets.getpeername(connfd);                    // the client's address: the port S-01 chose
            return received.toString(StandardCharsets.UTF_8);
        } finally {
            sockets.close(connfd);
        }
    }
    // end::listener[]

    // tag::refused[]
    /** connect() to a port where nothing listens: the errno, and the socket closed all the same. */
    static Errno refused(Sockets sockets, SockAddr nobody) throws ErrnoException {
        int sockfd = sockets.socket(nobody.family(), SOCK_STREAM);
        try {
            sockets.connect(sockfd, nobody);                // S-07: the SYN is answered with RST
            throw new IllegalStateException("connect() to " + nobody + " succeeded: something listens there");
        } catch (ErrnoException e) {
            return e.errno();                               // ECONNREFUSED: perror() would print its meaning
        } finally {
            sockets.close(sockfd);
        }
    }
    // end::refused[]

    // tag::client-java[]
    /** The same flow the way Java programs write it: java.net.Socket. */
    static void sendHelloJava(InetSocketAddress destAddr, PrintStream out) throws IOException {
        try (Socket socket = new Socket()) {                // closed on every path by try-with-resources
            socket.connect(destAddr);                       // S-07, S-01; a refusal is a ConnectException
            out.println("Successfully connected to the server.");
            socket.getOutputStream().write(MESSAGE.getBytes(StandardCharsets.UTF_8));
            out.println("Hello message sent");
        }
    }

    /** A refused connection in Java: ECONNREFUSED becomes java.net.ConnectException, and the socket is closed. */
    static ConnectException refusedJava(InetSocketAddress nobody) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(nobody);
            throw new IllegalStateException("connect() to " + nobody + " succeeded: something listens there");
        } catch (ConnectException e) {
            return e;
        }
    }
    // end::client-java[]

    @Override
    protected void check(Text text) throws UsageException {
        boolean ownListener = host == null && port == null;
        if (!ownListener && listenPort != null) {
            throw new UsageException(text.get("error.listenWithHost"));
        }
        if (!ownListener && simulatedAskedFor()) {
            throw new UsageException(text.get("error.simulatedWithHost"));
        }
    }

    @Override
    protected void show(Session session) throws ErrnoException, IOException {
        PrintStream out = session.out();
        if (host != null || port != null) {
            String ip = host == null ? "127.0.0.1" : host;
            int to = port == null ? PORT : port;
            session.heading("heading.posix");
            sendHello(session.sockets(), ip, to, out);
            session.heading("heading.java");
            session.java(() -> sendHelloJava(toJava(SockAddr.parse(ip, to)), out));
            return;
        }

        session.heading("heading.posix");
        int listenfd = listen(session.peer(), listenPort == null ? 0 : listenPort);
        SockAddr.In server = Loopback.addressOf(session.quiet(), listenfd);
        sendHello(session.sockets(), "127.0.0.1", server.port(), out);
        session.note("note.received", receive(session.peer(), listenfd));
        session.peer().close(listenfd);

        session.heading("heading.java");
        session.java(() -> {
            try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.ofLiteral("127.0.0.1"))) {
                sendHelloJava((InetSocketAddress) listener.getLocalSocketAddress(), out);
                try (Socket conn = listener.accept(); InputStream in = conn.getInputStream()) {
                    session.note("note.receivedJava", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            conn.getRemoteSocketAddress());
                }
            }
        });

        session.heading("heading.refused");
        SockAddr.In nobody = Loopback.closedPort(session.quiet());
        session.note("note.refused", refused(session.sockets(), nobody).meaning(session.language()));
        session.java(() -> session.note("note.refusedJava", refusedJava(toJava(Loopback.closedPort(session.quiet())))));
    }

    /** The kit's address as Java's; the address is already numeric, so nothing is looked up. */
    static InetSocketAddress toJava(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> new InetSocketAddress(in.address(), in.port());
            case SockAddr.In6 in6 -> new InetSocketAddress(in6.address(), in6.port());
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }
}
