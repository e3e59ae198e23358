package dev.connectkit.lab;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;

import java.util.ArrayList;
import java.util.List;

/**
 * A listener whose accept queue is full, so the kernel drops every new SYN and a connect() to it stays pending
 * (the client keeps retransmitting its SYN: at about 1, 3, 7 … s on Linux). No root is needed.
 *
 * <p>It is made with {@code listen(fd, 0)} and filler connections, added one at a time until one of them stays
 * pending: kernels differ in how many connections a backlog of 0 admits, so the count is found, not assumed. A
 * backend that cannot listen with a backlog of 0 (java.nio reads 0 as 50) gets a backlog of 1 and one filler more.
 * {@link #acceptFillers()} frees the queue; a pending client then completes at its next SYN retransmit.
 */
public final class SaturatedListener implements AutoCloseable {
    private static final int PENDING_PROBE_MILLIS = 200;
    private static final int MAX_FILLERS = 16;

    private final Sockets sockets;
    private final int fd;
    private final SockAddr.In address;
    private final List<Integer> fillers = new ArrayList<>();

    private SaturatedListener(Sockets sockets, int fd) throws ErrnoException {
        this.sockets = sockets;
        this.fd = fd;
        this.address = Loopback.addressOf(sockets, fd);
    }

    /** A new listener on 127.0.0.1 whose accept queue is full. */
    public static SaturatedListener open(Sockets sockets) throws ErrnoException {
        SaturatedListener listener = new SaturatedListener(sockets, Loopback.tcpListener(sockets,
                sockets.supports(Capability.LISTEN_BACKLOG_ZERO) ? 0 : 1));
        try {
            listener.fill();
            return listener;
        } catch (ErrnoException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private void fill() throws ErrnoException {
        while (fillers.size() < MAX_FILLERS) {
            int client = sockets.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
            sockets.setNonBlocking(client, true);
            try {
                sockets.connect(client, address);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINPROGRESS) {
                    sockets.close(client);
                    throw e;
                }
            }
            if (sockets.poll(PollFd.writable(client), PENDING_PROBE_MILLIS).isEmpty()) {
                sockets.close(client); // this one stayed pending: the queue is full; closing aborts its attempt
                return;
            }
            fillers.add(client);
        }
        throw new IllegalStateException("the listener still completed handshakes after " + MAX_FILLERS
                + " connections: its accept queue never filled");
    }

    /** The listening descriptor. */
    public int fd() {
        return fd;
    }

    /** Where it listens. */
    public SockAddr.In address() {
        return address;
    }

    /** How many filler connections it took to fill the queue. */
    public int fillerCount() {
        return fillers.size();
    }

    /**
     * Accepts and closes the filler connections, which frees the queue: a client whose SYN was dropped completes
     * at its next retransmit, and the listener can then accept it.
     */
    public void acceptFillers() throws ErrnoException {
        for (int i = 0; i < fillers.size(); i++) {
            sockets.close(sockets.accept(fd));
        }
        for (int filler : fillers) {
            sockets.close(filler);
        }
        fillers.clear();
    }

    @Override
    public void close() throws ErrnoException {
        for (int filler : fillers) {
            sockets.close(filler);
        }
        fillers.clear();
        sockets.close(fd);
    }
}
