package dev.connectkit.lab;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peers on 127.0.0.1, port 0 (the kernel picks a free port): everything a connect() experiment needs. */
public final class Loopback {
    private Loopback() {
    }

    /** A TCP listener on 127.0.0.1 with a kernel-chosen port; its address is {@code getsockname(fd)}. */
    public static int tcpListener(Sockets sockets, int backlog) throws ErrnoException {
        int fd = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
        try {
            sockets.bind(fd, SockAddr.loopback(0));
            sockets.listen(fd, backlog);
            return fd;
        } catch (ErrnoException e) {
            sockets.close(fd);
            throw e;
        }
    }

    /** A UDP socket bound to 127.0.0.1 with a kernel-chosen port. */
    public static int udpSocket(Sockets sockets) throws ErrnoException {
        int fd = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
        try {
            sockets.bind(fd, SockAddr.loopback(0));
            return fd;
        } catch (ErrnoException e) {
            sockets.close(fd);
            throw e;
        }
    }

    /**
     * A loopback address where nothing listens: a port the kernel just handed out and that was released at
     * once. A TCP connect there is refused (ECONNREFUSED).
     */
    public static SockAddr.In closedPort(Sockets sockets) throws ErrnoException {
        int fd = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
        try {
            sockets.bind(fd, SockAddr.loopback(0));
            return (SockAddr.In) sockets.getsockname(fd);
        } finally {
            sockets.close(fd);
        }
    }

    /**
     * A loopback UDP address where no socket is bound: a datagram sent there from a connected socket brings back
     * an ICMP port unreachable (ECONNREFUSED on that socket).
     */
    public static SockAddr.In closedUdpPort(Sockets sockets) throws ErrnoException {
        int fd = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
        try {
            sockets.bind(fd, SockAddr.loopback(0));
            return (SockAddr.In) sockets.getsockname(fd);
        } finally {
            sockets.close(fd);
        }
    }

    /**
     * The kernel's ephemeral port range, {@code {low, high}}, from {@code /proc/sys/net/ipv4/ip_local_port_range};
     * Linux's default (32768-60999) where that file does not exist.
     */
    public static int[] ephemeralPortRange() {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(file)) {
            return new int[] {32768, 60999};
        }
        try {
            // Files.readString() returns only the first byte of this procfs file on JDK 25; readAllLines reads it all.
            String[] range = Files.readAllLines(file).getFirst().trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local address of {@code fd} as an IPv4 address ({@code getsockname}). */
    public static SockAddr.In addressOf(Sockets sockets, int fd) throws ErrnoException {
        return (SockAddr.In) sockets.getsockname(fd);
    }
}
