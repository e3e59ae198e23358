package dev.connectkit.internal.nio;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the nio backend keeps for one descriptor: the channel that currently carries it, and the parts of the
 * kernel's socket state that Java does not keep.
 *
 * <p>A Linux socket outlives much that a Java channel does not: a failed connect(), connect() to AF_UNSPEC, the
 * shutdown() of a listener. Where Linux keeps the socket and Java closes or cannot reset the channel, the
 * descriptor {@linkplain #replace(SelectableChannel) moves to a fresh channel}, set up as the socket would be
 * (blocking mode, options, an explicit bind), so the descriptor behaves as the kernel's socket does.
 */
final class Descriptor {
    final AddressFamily family;
    final SocketType type;

    private volatile SelectableChannel channel;
    /** O_NONBLOCK as the caller set it; poll() switches channels to non-blocking only while it selects. */
    volatile boolean nonBlocking;
    /** SO_ERROR: the error of a finished attempt or a datagram's ICMP answer, until read or reported. */
    volatile Errno pendingError;
    /** The address bind() was given, if it was called: Linux keeps an explicit bind across a disconnect. */
    volatile SockAddr explicitBind;
    /** The name a listener had before it stopped: Linux still shows it, port included, until a new bind. */
    volatile SockAddr staleName;
    /** shutdown() bits of a datagram socket, which Java cannot shut down: send() then fails with EPIPE. */
    volatile boolean readShut;
    volatile boolean writeShut;
    /** Bytes poll() read while looking for an error or the end of a stream; recv() returns them first. */
    volatile byte[] lookahead;
    /** The sender of the datagram in {@link #lookahead}. */
    volatile java.net.SocketAddress lookaheadFrom;
    /** poll() saw the end of the stream; recv() returns 0. */
    volatile boolean endOfStream;
    /**
     * The stream ended badly: its attempt failed, or it was reset. Linux then has the socket shut down both ways
     * ({@code tcp_done}): reads give the error once, then 0, and poll() reports POLLIN and POLLHUP.
     */
    volatile boolean shutBoth;
    /**
     * An attempt failed and connect() has not yet said so: Linux's socket layer still says "connecting", so the
     * next connect() reports the error (or ECONNABORTED if SO_ERROR took it) and starts afresh after that.
     */
    volatile boolean attemptFailed;
    /** An attempt completed while nobody called connect(): the next connect() returns 0 once (S-12, S-13). */
    volatile boolean completionUnreported;
    final Map<SocketOption, Integer> options = new EnumMap<>(SocketOption.class);

    Descriptor(AddressFamily family, SocketType type, SelectableChannel channel) {
        this.family = family;
        this.type = type;
        this.channel = channel;
    }

    SelectableChannel channel() {
        return channel;
    }

    /** Moves the descriptor to {@code fresh}, closing the channel it had. */
    void replace(SelectableChannel fresh) throws IOException {
        SelectableChannel old = channel;
        channel = fresh;
        lookahead = null;
        lookaheadFrom = null;
        endOfStream = false;
        if (old != fresh) {
            old.close();
        }
    }

    /**
     * A fresh, unconnected channel of this socket's kind, in its blocking mode, with its options, bound again to
     * its explicit address if it had one (and {@code rebind} asks for it).
     */
    SelectableChannel freshChannel(boolean rebind) throws IOException {
        SelectableChannel fresh = type == SocketType.SOCK_STREAM ? SocketChannel.open(protocol(family))
                : DatagramChannel.open(protocol(family));
        try {
            if (options.getOrDefault(SocketOption.SO_REUSEADDR, 0) != 0 && family != AddressFamily.AF_UNIX) {
                setReuseAddress(fresh, true);
            }
            if (fresh instanceof DatagramChannel dc && options.getOrDefault(SocketOption.SO_BROADCAST, 0) != 0) {
                dc.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            if (fresh instanceof SocketChannel sc && options.containsKey(SocketOption.SO_LINGER)) {
                sc.setOption(StandardSocketOptions.SO_LINGER, options.get(SocketOption.SO_LINGER));
            }
            if (rebind && explicitBind instanceof SockAddr.Un path && !path.unnamed()) {
                // An AF_UNIX socket keeps its name: the file its first channel created is the same socket's.
                Files.deleteIfExists(Path.of(path.path()));
                bind(fresh, explicitBind);
            } else if (rebind && explicitBind != null && Addresses.port(explicitBind) != 0) {
                bind(fresh, explicitBind); // SOCK_BINDPORT_LOCK: a port the caller chose stays bound
            }
            fresh.configureBlocking(!nonBlocking);
            return fresh;
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    static void setReuseAddress(SelectableChannel channel, boolean on) throws IOException {
        switch (channel) {
            case SocketChannel sc -> sc.setOption(StandardSocketOptions.SO_REUSEADDR, on);
            case DatagramChannel dc -> dc.setOption(StandardSocketOptions.SO_REUSEADDR, on);
            case java.nio.channels.ServerSocketChannel ssc -> ssc.setOption(StandardSocketOptions.SO_REUSEADDR, on);
            default -> throw new IllegalStateException("not a socket channel: " + channel);
        }
    }

    static void bind(SelectableChannel channel, SockAddr address) throws IOException {
        switch (channel) {
            case SocketChannel sc -> sc.bind(Addresses.toJava(address));
            case DatagramChannel dc -> dc.bind(Addresses.toJava(address));
            default -> throw new IllegalStateException("cannot bind " + channel);
        }
    }

    static ProtocolFamily protocol(AddressFamily family) {
        return switch (family) {
            case AF_INET -> StandardProtocolFamily.INET;
            case AF_INET6 -> StandardProtocolFamily.INET6;
            case AF_UNIX -> StandardProtocolFamily.UNIX;
            case AF_UNSPEC -> throw new IllegalArgumentException("AF_UNSPEC has no protocol family");
        };
    }

    /** Takes SO_ERROR: the pending error, now cleared. */
    Errno takeError() {
        Errno e = pendingError;
        pendingError = null;
        return e;
    }
}
