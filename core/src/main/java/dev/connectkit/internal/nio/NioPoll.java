package dev.connectkit.internal.nio;

import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * poll() done with a one-shot {@link Selector}, reporting what Linux's {@code tcp_poll} and {@code datagram_poll}
 * report: POLLOUT when an attempt finished (S-13), POLLERR while an error is pending, POLLHUP when a stream is
 * shut down both ways or its attempt failed, POLLIN for data, a connection, the end of a stream or an error.
 *
 * <p>Java has no MSG_PEEK and no SO_ERROR: where the kernel would report an error or the end of a stream
 * without consuming anything, this reads once ({@link Descriptor#lookahead}) and keeps what it read for the next
 * recv(); a datagram socket's ICMP error (PortUnreachableException) becomes its pending error, as SO_ERROR.
 */
final class NioPoll {
    private NioPoll() {
    }

    /** What the descriptors report, in the order of {@code fds}; waits up to {@code timeoutMillis}. */
    static List<Set<PollEvent>> poll(List<PollFd> fds, List<Descriptor> ds, int timeoutMillis) throws ErrnoException {
        List<Set<PollEvent>> revents = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            Map<SelectableChannel, Integer> interest = new IdentityHashMap<>();
            boolean anyReady = false;
            for (int i = 0; i < fds.size(); i++) {
                Descriptor d = ds.get(i);
                Set<PollEvent> now = immediate(d, fds.get(i).events());
                revents.add(now);
                anyReady |= !now.isEmpty();
                int ops = interest(d, fds.get(i).events());
                if (ops != 0) {
                    interest.merge(d.channel(), ops, (a, b) -> a | b); // a descriptor may repeat, as in C
                }
            }
            for (var entry : interest.entrySet()) {
                entry.getKey().configureBlocking(false);
                entry.getKey().register(selector, entry.getValue());
            }
            if (anyReady || timeoutMillis == 0) {
                selector.selectNow();
            } else if (timeoutMillis < 0) {
                selector.select(); // Linux: any negative timeout waits forever
            } else {
                selector.select(timeoutMillis);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new ErrnoException("poll", Errno.EINTR); // the only way a Java thread is signalled
            }
            Map<SelectableChannel, Integer> readyOps = new IdentityHashMap<>();
            for (SelectionKey key : selector.selectedKeys()) {
                readyOps.put(key.channel(), key.readyOps());
            }
            for (int i = 0; i < fds.size(); i++) {
                Descriptor d = ds.get(i);
                Integer ops = readyOps.get(d.channel());
                if (ops != null) {
                    revents.get(i).addAll(ready(d, ops, fds.get(i).events()));
                }
            }
            for (int i = 0; i < fds.size(); i++) {
                // An event found while looking at a later entry shows on an earlier entry of the same descriptor.
                revents.get(i).addAll(immediate(ds.get(i), fds.get(i).events()));
            }
        } catch (IOException e) {
            throw new ErrnoException("poll", JavaErrors.errnoOf(e).orElse(Errno.EINVAL));
        } finally {
            for (Descriptor d : ds) {
                restoreBlocking(d);
            }
        }
        return revents;
    }

    private static void restoreBlocking(Descriptor d) {
        SelectableChannel channel = d.channel();
        try {
            if (channel.isOpen() && channel.isBlocking() == d.nonBlocking) {
                // A channel leaves its selector only when the selector's next select runs or it closes; the
                // one-shot selector is closed by now, which deregisters every key.
                channel.configureBlocking(!d.nonBlocking);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not restore the blocking mode of " + channel, e);
        }
    }

    /** What is known without selecting: a pending error, a finished or never-started stream, a writable socket. */
    private static Set<PollEvent> immediate(Descriptor d, Set<PollEvent> requested) {
        Set<PollEvent> r = EnumSet.noneOf(PollEvent.class);
        SelectableChannel channel = d.channel();
        if (d.pendingError != null) {
            r.add(PollEvent.POLLERR);
        }
        switch (channel) {
            case SocketChannel sc when sc.isConnectionPending() -> {
                // the attempt is still on: nothing yet (tcp_poll reports nothing in SYN_SENT)
            }
            case SocketChannel sc when sc.isConnected() -> {
                if (requested.contains(PollEvent.POLLOUT) && !d.writeShut) {
                    r.add(PollEvent.POLLOUT);
                }
                if (d.lookahead != null || d.endOfStream || d.pendingError != null || d.shutBoth) {
                    addIfRequested(r, requested, PollEvent.POLLIN);
                }
                if (d.endOfStream && d.writeShut || d.pendingError != null || d.shutBoth) {
                    r.add(PollEvent.POLLHUP);
                }
            }
            case SocketChannel ignored -> {
                // Not connected: a fresh socket, or one whose attempt failed. tcp_poll: TCP_CLOSE is POLLHUP and
                // writable; shut down both ways after a failed attempt, also readable (a read gives the error or 0).
                r.add(PollEvent.POLLHUP);
                addIfRequested(r, requested, PollEvent.POLLOUT);
                if (d.shutBoth || d.readShut) {
                    addIfRequested(r, requested, PollEvent.POLLIN);
                }
            }
            case DatagramChannel ignored -> {
                // datagram_poll: always writable; readable with a datagram queued or after SHUT_RD; POLLHUP when
                // shut down both ways; an ICMP error is POLLERR only.
                addIfRequested(r, requested, PollEvent.POLLOUT);
                if (d.lookahead != null || d.readShut) {
                    addIfRequested(r, requested, PollEvent.POLLIN);
                }
                if (d.readShut && d.writeShut) {
                    r.add(PollEvent.POLLHUP);
                }
            }
            case ServerSocketChannel ignored -> {
                // a listener is readable when a connection waits: the selector says
            }
            default -> throw new IllegalStateException("unknown channel " + channel);
        }
        return r;
    }

    private static void addIfRequested(Set<PollEvent> r, Set<PollEvent> requested, PollEvent e) {
        if (requested.contains(e)) {
            r.add(e);
        }
    }

    private static int interest(Descriptor d, Set<PollEvent> requested) {
        SelectableChannel channel = d.channel();
        if (!channel.isOpen()) {
            return 0;
        }
        return switch (channel) {
            // A pending attempt is watched whatever was asked: its end may bring POLLERR and POLLHUP.
            case SocketChannel sc when sc.isConnectionPending() -> SelectionKey.OP_CONNECT;
            // A connected stream is watched for reading whatever was asked: a reset or a FIN shows there.
            case SocketChannel sc when sc.isConnected() && d.lookahead == null && !d.endOfStream && !d.shutBoth ->
                    SelectionKey.OP_READ;
            case ServerSocketChannel ignored when requested.contains(PollEvent.POLLIN) -> SelectionKey.OP_ACCEPT;
            // A datagram socket is watched for reading whatever was asked: an ICMP error shows there.
            // (an unbound one has nothing to read, and a receive would bind it)
            case DatagramChannel dc when d.lookahead == null && isBound(dc) -> SelectionKey.OP_READ;
            default -> 0;
        };
    }

    private static boolean isBound(DatagramChannel dc) {
        try {
            return dc.getLocalAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<PollEvent> ready(Descriptor d, int readyOps, Set<PollEvent> requested) {
        Set<PollEvent> r = EnumSet.noneOf(PollEvent.class);
        switch (d.channel()) {
            case SocketChannel sc when (readyOps & SelectionKey.OP_CONNECT) != 0 -> {
                // OP_CONNECT is ready on failure as well as success: finishConnect() says which.
                Attempts.finishIfDone(d, sc);
                if (d.pendingError != null) {
                    r.add(PollEvent.POLLERR);
                    r.add(PollEvent.POLLHUP);
                    addIfRequested(r, requested, PollEvent.POLLIN);
                }
                addIfRequested(r, requested, PollEvent.POLLOUT); // S-13: a finished attempt is writable
            }
            case SocketChannel sc when (readyOps & SelectionKey.OP_READ) != 0 -> {
                if (waiting(sc) > 0) {
                    addIfRequested(r, requested, PollEvent.POLLIN); // data: left in the kernel, unread
                } else {
                    lookAhead(d, sc); // no data: the end of the stream or an error, which a read consumes harmlessly
                }
            }
            case DatagramChannel dc when (readyOps & SelectionKey.OP_READ) != 0 -> lookAhead(d, dc);
            case ServerSocketChannel ignored when (readyOps & SelectionKey.OP_ACCEPT) != 0 ->
                    addIfRequested(r, requested, PollEvent.POLLIN);
            default -> {
                // nothing selected for this channel
            }
        }
        return r;
    }

    /**
     * The bytes waiting to be read ({@code ioctl(FIONREAD)}, through the socket adaptor's {@code available()}):
     * poll() must not read them, or a close() would no longer find unread data (Linux then sends a RST).
     */
    private static int waiting(SocketChannel sc) {
        try {
            return sc.socket().getInputStream().available();
        } catch (IOException e) {
            return 0; // an error is pending: the read below finds it
        } catch (UnsupportedOperationException unixDomain) {
            return 0; // a Unix-domain channel has no socket adaptor: the read below keeps what it finds
        }
    }

    /**
     * Looks for an error a connected stream has pending, as SO_ERROR would report it: without waiting, and without
     * taking queued data from the kernel (a TCP stream with data queued shows its error only after that data).
     */
    static void probe(Descriptor d) {
        if (!(d.channel() instanceof SocketChannel sc) || !sc.isConnected() || d.lookahead != null || d.endOfStream
                || d.shutBoth || d.pendingError != null || waiting(sc) > 0) {
            return;
        }
        try {
            boolean blocking = sc.isBlocking();
            sc.configureBlocking(false);
            try {
                lookAhead(d, sc);
            } finally {
                if (sc.isOpen()) {
                    sc.configureBlocking(blocking);
                }
            }
        } catch (IOException e) {
            d.pendingError = JavaErrors.errnoOf(e).orElse(Errno.EIO);
        }
    }

    /** Reads once from a readable stream: data is kept for recv(), the end of the stream or an error is noted. */
    private static void lookAhead(Descriptor d, SocketChannel sc) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            int n = sc.read(b);
            if (n < 0) {
                d.endOfStream = true;
            } else if (n > 0) {
                d.lookahead = java.util.Arrays.copyOf(b.array(), n);
            }
        } catch (IOException e) {
            d.pendingError = JavaErrors.errnoOf(e).orElse(Errno.ECONNRESET); // a reset, as SO_ERROR would show
            d.shutBoth = true; // tcp_reset() ends in tcp_done(): shut down both ways
        }
    }

    /** Receives one datagram ahead: kept for recv(), or the ICMP error it brought becomes the pending error. */
    private static void lookAhead(Descriptor d, DatagramChannel dc) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            var from = dc.receive(b);
            if (from != null) {
                b.flip();
                byte[] data = new byte[b.remaining()];
                b.get(data);
                d.lookahead = data;
                d.lookaheadFrom = from;
            }
        } catch (PortUnreachableException e) {
            d.pendingError = Errno.ECONNREFUSED; // an ICMP port unreachable for a connected datagram socket
        } catch (IOException e) {
            d.pendingError = JavaErrors.errnoOf(e).orElse(Errno.EIO);
        }
    }
}
