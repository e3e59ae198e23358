package dev.connectkit.exercises.udppeer;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;

/** Exercise 03, reference solution. */
public final class PeerSocket {
    private PeerSocket() {
    }

    public static int open(Sockets sockets, SockAddr.In peer) throws ErrnoException {
        int fd = sockets.socket(AF_INET, SOCK_DGRAM);
        try {
            sockets.connect(fd, peer);
            return fd;
        } catch (ErrnoException e) {
            sockets.close(fd);
            throw e;
        }
    }

    public static String receive(Sockets sockets, int fd) throws ErrnoException {
        return sockets.recvfrom(fd, 1500).text();
    }

    public static void forgetPeer(Sockets sockets, int fd) throws ErrnoException {
        sockets.connect(fd, SockAddr.unspec());
    }
}
