package dev.connectkit.examples.udppeer;

import dev.connectkit.examples.support.Backend;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static dev.connectkit.manpage.Statement.S_01;
import static dev.connectkit.manpage.Statement.S_03;
import static dev.connectkit.manpage.Statement.S_04;
import static dev.connectkit.manpage.Statement.S_05;
import static dev.connectkit.manpage.Statement.S_06;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;

/**
 * A UDP socket connected to a peer: connect() sends nothing and only records the peer; send() without an address
 * goes there; recv() hears the peer and not a stranger; the null address (AF_UNSPEC) resets the peer.
 */
public final class UdpPeerAddress implements Example {

    /** The example, ready to run. */
    public UdpPeerAddress() {
    }

    @Override
    public String name() {
        return "udp-peer-address";
    }

    @Override
    public String summary() {
        return "a UDP socket's peer address: send() goes there, recv() hears only it, AF_UNSPEC resets it";
    }

    @Override
    public String usage() {
        return "[--simulated]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options options = Options.parse(args, Set.of(), Set.of(Backend.SIMULATED));
        try (Backend backend = Backend.open(options.flag(Backend.SIMULATED))) {
            Sockets s = backend.sockets();
            out.heading("1. connect() on a datagram socket (" + backend.describe() + ")");
            int peer = Loopback.udpSocket(s);
            int stranger = Loopback.udpSocket(s);
            out.peer("the peer is at " + s.getsockname(peer) + ", a stranger at " + s.getsockname(stranger));
            int sockfd = out.call("socket(AF_INET, SOCK_DGRAM, 0)", () -> s.socket(AF_INET, SOCK_DGRAM));
            connectAndTalk(s, sockfd, peer, stranger, out);
            resetWithImplicitPort(s, sockfd, out);
            out.call("close(" + sockfd + ")", () -> s.close(sockfd));

            out.heading("2. The null address with a port chosen by bind(): strangers get through again");
            int fixed = out.call("socket(AF_INET, SOCK_DGRAM, 0)", () -> s.socket(AF_INET, SOCK_DGRAM));
            resetWithFixedPort(s, fixed, peer, stranger, out);
            out.call("close(" + fixed + ")", () -> s.close(fixed));
            s.close(peer);
            s.close(stranger);

            out.heading("3. The same in idiomatic Java (java.nio.channels.DatagramChannel)");
            if (backend.simulated()) {
                out.note("DatagramChannel always uses the real kernel: skipped with --simulated");
            } else {
                ConnectedDatagramChannel.run(out);
            }
            backend.printTrace(out);
        }
    }

    // tag::connect-and-talk[]
    static void connectAndTalk(Sockets s, int sockfd, int peer, int stranger, Narrator out) throws ErrnoException {
        SockAddr peerAddr = s.getsockname(peer);
        out.call(S_03, "connect(" + sockfd + ", " + peerAddr + ")", () -> s.connect(sockfd, peerAddr));
        out.call(S_01, "getsockname(" + sockfd + ")", () -> s.getsockname(sockfd));
        out.call(S_03, "getpeername(" + sockfd + ")", () -> s.getpeername(sockfd));
        out.call(S_03, "poll(peer, POLLIN, 100 ms)", () -> s.poll(PollFd.readable(peer), 100));
        out.note("nothing arrived at the peer: connect() only recorded its address");

        byte[] hello = "to the peer".getBytes(StandardCharsets.UTF_8);
        out.call(S_04, "send(" + sockfd + ", \"to the peer\")", () -> s.send(sockfd, hello));
        out.peer("received " + describe(s.recvfrom(peer, 100)));

        SockAddr me = s.getsockname(sockfd);
        s.sendto(stranger, "from a stranger".getBytes(StandardCharsets.UTF_8), me);
        out.note("the stranger sent \"from a stranger\" to " + me);
        s.sendto(peer, "from the peer".getBytes(StandardCharsets.UTF_8), me);
        out.note("the peer sent \"from the peer\" to " + me);

        Datagram first = out.call(S_05, "recvfrom(" + sockfd + ")", () -> s.recvfrom(sockfd, 100));
        out.note("received " + describe(first));
        out.call(S_05, "poll(" + sockfd + ", POLLIN, 100 ms)", () -> s.poll(PollFd.readable(sockfd), 100));
        out.note("nothing else is queued: the kernel discarded the stranger's datagram");
    }
    // end::connect-and-talk[]

    // tag::reset[]
    static void resetWithImplicitPort(Sockets s, int sockfd, Narrator out) throws ErrnoException {
        out.call(S_06, "connect(" + sockfd + ", AF_UNSPEC)", () -> s.connect(sockfd, SockAddr.unspec()));
        try {
            s.getpeername(sockfd);
        } catch (ErrnoException e) {
            out.failed("getpeername(" + sockfd + ")", e, S_06);
        }
        out.call("getsockname(" + sockfd + ")", () -> s.getsockname(sockfd));
        out.note("Linux also undid the implicit bind: the port is released, datagrams to it are lost");
        try {
            s.send(sockfd, new byte[] {1});
        } catch (ErrnoException e) {
            out.failed("send(" + sockfd + ")", e, null);
            out.note("no peer any more, so send() has no destination");
        }
    }
    // end::reset[]

    // tag::fixed-port[]
    static void resetWithFixedPort(Sockets s, int sockfd, int peer, int stranger, Narrator out)
            throws ErrnoException {
        SockAddr.In fixed = freePort(s);
        out.call("bind(" + sockfd + ", " + fixed + ")", () -> s.bind(sockfd, fixed));
        SockAddr peerAddr = s.getsockname(peer);
        out.call(S_03, "connect(" + sockfd + ", " + peerAddr + ")", () -> s.connect(sockfd, peerAddr));
        out.call(S_06, "connect(" + sockfd + ", AF_UNSPEC)", () -> s.connect(sockfd, SockAddr.unspec()));
        out.call("getsockname(" + sockfd + ")", () -> s.getsockname(sockfd));
        s.sendto(stranger, "from a stranger".getBytes(StandardCharsets.UTF_8), fixed);
        out.note("the stranger sent \"from a stranger\" to " + fixed);
        out.call(S_06, "poll(" + sockfd + ", POLLIN, 1000 ms)", () -> s.poll(PollFd.readable(sockfd), 1_000));
        out.note("received " + describe(s.recvfrom(sockfd, 100)) + ": with no peer, anyone may send again");
    }
    // end::fixed-port[]

    /** A port the kernel just handed out and that is free again: bind() given it explicitly keeps it. */
    private static SockAddr.In freePort(Sockets s) throws ErrnoException {
        int probe = Loopback.udpSocket(s);
        SockAddr.In address = Loopback.addressOf(s, probe);
        s.close(probe);
        return address;
    }

    static String describe(Datagram d) {
        return "\"" + d.text() + "\" from " + d.from();
    }
}
