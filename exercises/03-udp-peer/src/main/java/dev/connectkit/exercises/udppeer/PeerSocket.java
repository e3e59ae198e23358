package dev.connectkit.exercises.udppeer;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

/** Exercise 03: a connected UDP socket. Instructions: README.md. */
public final class PeerSocket {
    private PeerSocket() {
    }

    /** Task 1: a UDP socket whose peer is {@code peer}; returns its descriptor. */
    public static int open(Sockets sockets, SockAddr.In peer) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: PeerSocket.open (README.md, task 1)");
    }

    /** Task 2: waits for one datagram from the peer and returns its text. */
    public static String receive(Sockets sockets, int fd) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: PeerSocket.receive (README.md, task 2)");
    }

    /** Task 3: resets the peer of {@code fd}. */
    public static void forgetPeer(Sockets sockets, int fd) throws ErrnoException {
        throw new UnsupportedOperationException("not implemented yet: PeerSocket.forgetPeer (README.md, task 3)");
    }
}
