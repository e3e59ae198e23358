package dev.connectkit.examples.udppeer;

import dev.connectkit.examples.runner.Session;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.TracedExample;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.connectkit.examples.runner.Expect.expect;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.Errno.EDESTADDRREQ;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;

/**
 * A UDP socket connected to a peer: connect() sends nothing and only records the peer; send() without an address
 * goes there; recv() hears the peer and not a stranger; the null address (AF_UNSPEC) resets the peer. Then the
 * same with {@code DatagramChannel}.
 */
public final class UdpPeerAddress extends TracedExample {

    /** Runs the example on its own, as {@code ./connectkit udp-peer-address} does. */
    public static void main(String[] args) {
        System.exit(new UdpPeerAddress().run(List.of(args), Terminal.out(), Terminal.err()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // tag::peer-address[]
    /** A datagram socket connected to a peer: where send() goes, and whose datagrams it receives. */
    static int connectToPeer(Sockets sockets, Sockets peer, int peerfd, Sockets stranger, int strangerfd)
            throws ErrnoException {
        SockAddr peerAddr = peer.getsockname(peerfd);

        int sockfd = sockets.socket(AF_INET, SOCK_DGRAM);
        sockets.connect(sockfd, peerAddr);                  // S-03: records the peer; no packet is sent
        sockets.getpeername(sockfd);                        // S-03: the peer it recorded
        SockAddr me = sockets.getsockname(sockfd);          // S-01: bound to an unused port all the same
        peer.poll(PollFd.readable(peerfd), 100);            // nothing reached the peer: (Timeout)

        sockets.send(sockfd, bytes("to the peer"));         // S-04: no address given: it goes to the peer
        peer.recvfrom(peerfd, 100);

        stranger.sendto(strangerfd, bytes("from a stranger"), me);
        peer.sendto(peerfd, bytes("from the peer"), me);
        sockets.recvfrom(sockfd, 100);                      // S-05: the peer's datagram ...
        sockets.poll(PollFd.readable(sockfd), 100);         // ... and no other: the stranger's was discarded
        return sockfd;
    }
    // end::peer-address[]

    // tag::reset[]
    /** The null address resets the peer (S-06); Linux also releases the port that connect() had bound. */
    static void resetPeer(Sockets sockets, int sockfd) throws ErrnoException {
        sockets.connect(sockfd, SockAddr.unspec());         // S-06: AF_UNSPEC, the protocol's null address
        expect(ENOTCONN, () -> sockets.getpeername(sockfd)); // S-06: no peer any more
        sockets.getsockname(sockfd);                        // 0.0.0.0:0: the implicit bind is undone too
        expect(EDESTADDRREQ, () -> sockets.send(sockfd, bytes("?"))); // no peer, so no destination
        sockets.close(sockfd);
    }
    // end::reset[]

    // tag::fixed-port[]
    /** With a port chosen by bind(), the reset keeps the port, and anyone may send to it again. */
    static void resetKeepsBoundPort(Sockets sockets, SockAddr.In port, SockAddr peerAddr, Sockets stranger,
                                    int strangerfd) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_DGRAM);
        sockets.bind(sockfd, port);                         // a port of its own: connect() picks none
        sockets.connect(sockfd, peerAddr);                  // S-03
        sockets.connect(sockfd, SockAddr.unspec());         // S-06: the peer is reset; the port stays
        sockets.getsockname(sockfd);

        stranger.sendto(strangerfd, bytes("from a stranger"), port);
        sockets.poll(PollFd.readable(sockfd), 1_000);       // S-06: with no peer, a stranger gets through
        sockets.recvfrom(sockfd, 100);
        sockets.close(sockfd);
    }
    // end::fixed-port[]

    // tag::datagram-channel[]
    /** The same rules through DatagramChannel, the way Java programs use UDP. */
    static void datagramChannel(Session session) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0);
        try (DatagramChannel channel = DatagramChannel.open();
             DatagramChannel peer = DatagramChannel.open().bind(loopback);
             DatagramChannel stranger = DatagramChannel.open().bind(loopback)) {
            channel.connect(peer.getLocalAddress());                 // S-03: sends nothing; S-01: binds a port
            session.note("java.connected", channel.getLocalAddress(), channel.getRemoteAddress());

            channel.write(ByteBuffer.wrap(bytes("to the peer")));    // S-04
            session.note("java.peerReceived", text(peer));

            stranger.send(ByteBuffer.wrap(bytes("from a stranger")), channel.getLocalAddress());
            peer.send(ByteBuffer.wrap(bytes("from the peer")), channel.getLocalAddress());
            session.note("java.received", text(channel));            // S-05: the stranger's was discarded

            channel.disconnect();                                    // S-06: AF_UNSPEC underneath, then a rebind
            session.note("java.disconnected", channel.getLocalAddress());
        }
    }
    // end::datagram-channel[]

    private static String text(DatagramChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(100);
        channel.receive(buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @Override
    protected void show(Session session) throws ErrnoException, IOException {
        Sockets quiet = session.quiet();
        int peerfd = Loopback.udpSocket(quiet);
        int strangerfd = Loopback.udpSocket(quiet);
        Sockets peer = session.peer();
        Sockets stranger = session.tracedAs("stranger");

        session.heading("heading.connect");
        int sockfd = connectToPeer(session.sockets(), peer, peerfd, stranger, strangerfd);
        session.heading("heading.reset");
        resetPeer(session.sockets(), sockfd);

        session.heading("heading.fixedPort");
        resetKeepsBoundPort(session.sockets(), freePort(quiet), quiet.getsockname(peerfd), stranger, strangerfd);
        quiet.close(peerfd);
        quiet.close(strangerfd);

        session.heading("heading.java");
        session.java(() -> datagramChannel(session));
    }

    /** A UDP port the kernel just handed out and that is free again: bind() given it explicitly keeps it. */
    private static SockAddr.In freePort(Sockets quiet) throws ErrnoException {
        int probe = Loopback.udpSocket(quiet);
        try {
            return Loopback.addressOf(quiet, probe);
        } finally {
            quiet.close(probe);
        }
    }
}
