package dev.connectkit.corpus;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The sockets and addresses the scenarios set up before the part they observe. */
final class Peers {
    /**
     * How long a scenario waits for something Linux does at once on loopback (a RST, an ICMP error, a handshake):
     * the bound of a poll() that must not time out.
     */
    static final int SOON_MILLIS = 500;

    private Peers() {
    }

    static int tcp(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
    }

    static int tcp6(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_INET6, SocketType.SOCK_STREAM);
    }

    static int udp(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
    }

    static int udp6(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_INET6, SocketType.SOCK_DGRAM);
    }

    static int unixStream(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
    }

    static int unixDatagram(Sockets s) throws ErrnoException {
        return s.socket(AddressFamily.AF_UNIX, SocketType.SOCK_DGRAM);
    }

    /** A TCP listener on 127.0.0.1, kernel-chosen port. */
    static int listener(Sockets s, int backlog) throws ErrnoException {
        return Loopback.tcpListener(s, backlog);
    }

    /** A TCP socket bound to 127.0.0.1 with a kernel-chosen port, not listening: connecting to it is refused. */
    static int boundTcp(Sockets s) throws ErrnoException {
        int fd = tcp(s);
        s.bind(fd, SockAddr.loopback(0));
        return fd;
    }

    /** A UDP socket bound to 127.0.0.1 with a kernel-chosen port. */
    static int boundUdp(Sockets s) throws ErrnoException {
        return Loopback.udpSocket(s);
    }

    /** The IPv4 address a socket is bound to. */
    static SockAddr.In nameOf(Sockets s, int fd) throws ErrnoException {
        return Loopback.addressOf(s, fd);
    }

    /** The IPv6 address a socket is bound to. */
    static SockAddr.In6 name6Of(Sockets s, int fd) throws ErrnoException {
        return (SockAddr.In6) s.getsockname(fd);
    }

    /** A loopback TCP port nothing listens on (the kernel handed it out and it was released at once). */
    static SockAddr.In closedTcpPort(Sockets s) throws ErrnoException {
        return Loopback.closedPort(s);
    }

    /** A loopback UDP port nothing is bound to; a datagram sent there brings back ICMP port unreachable. */
    static SockAddr.In closedUdpPort(Sockets s) throws ErrnoException {
        int fd = boundUdp(s);
        try {
            return nameOf(s, fd);
        } finally {
            s.close(fd);
        }
    }

    /** The same port on another IPv4 address. */
    static SockAddr.In at(String address, SockAddr.In port) {
        return SockAddr.inet(address, port.port());
    }

    /** The IPv4-mapped IPv6 form of an IPv4 address: {@code [::ffff:a.b.c.d]:port}. */
    static SockAddr.In6 mapped(SockAddr.In v4) {
        return SockAddr.inet6("::ffff:" + v4.address().getHostAddress(), v4.port());
    }

    /** An AF_UNIX stream listener bound to {@code path}. */
    static int unixListener(Sockets s, String path, int backlog) throws ErrnoException {
        int fd = unixStream(s);
        s.bind(fd, SockAddr.unix(path));
        s.listen(fd, backlog);
        return fd;
    }

    /** poll() on one descriptor for the given events (none: only POLLERR, POLLHUP and POLLNVAL can come back). */
    static Set<PollEvent> poll(Sockets s, int fd, int timeoutMillis, PollEvent... events) throws ErrnoException {
        Set<PollEvent> wanted = events.length == 0 ? EnumSet.noneOf(PollEvent.class) : EnumSet.copyOf(List.of(events));
        return s.poll(new PollFd(fd, wanted), timeoutMillis);
    }

    /**
     * Waits, without writing anything down, until {@code fd} is readable or {@link #SOON_MILLIS} have passed: what
     * a scenario does before a non-blocking recv() that should find a datagram already there.
     */
    static void waitReadable(Sockets s, int fd) throws ErrnoException {
        poll(s, fd, SOON_MILLIS, PollEvent.POLLIN);
    }

    /** Closes each descriptor, in order, skipping -1 (what a failed {@link Observations#accept} returns). */
    static void close(Sockets s, int... fds) throws ErrnoException {
        for (int fd : fds) {
            if (fd >= 0) {
                s.close(fd);
            }
        }
    }
}
