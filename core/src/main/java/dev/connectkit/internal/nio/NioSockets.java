package dev.connectkit.internal.nio;

import dev.connectkit.internal.Backend;
import dev.connectkit.internal.FamilyRules;
import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The java.nio backend: each call is done the way a Java program does it, with {@link SocketChannel},
 * {@link ServerSocketChannel}, {@link DatagramChannel} and a {@link java.nio.channels.Selector}, and each exception
 * is turned back into the errno it stands for by {@link JavaErrors}, the kit's one errno-to-Java table.
 *
 * <p>Where Linux keeps a socket that Java would close or cannot reset, the descriptor moves to a fresh channel
 * (see {@link Descriptor}): after a failed attempt, on connect() to AF_UNSPEC, on shutdown() of a listener or of a
 * pending attempt. A second connect() of a pending socket is Java's {@code finishConnect()}; a datagram socket
 * connected to another peer is disconnected first; listen() moves the address bind() reserved to a
 * {@link ServerSocketChannel}; SO_ERROR is {@code finishConnect()}'s verdict; poll() is a one-shot Selector
 * ({@link NioPoll}). What Java cannot express at all is refused with {@link UnsupportedCapabilityException}:
 * signals, TCP_SYNCNT, an explicit address length, AF_UNIX datagrams, IPV6_V6ONLY.
 *
 * <p>No call holds a lock while it blocks: a close() from another thread closes the channel at once, and the
 * blocked call returns EBADF (Java's AsynchronousCloseException).
 */
public final class NioSockets implements Backend {
    private static final String NAME = "nio";

    private final Map<Integer, Descriptor> table = new ConcurrentSkipListMap<>();

    public NioSockets() {
    }

    @Override
    public String backend() {
        return NAME;
    }

    /** What Java's channels can express, with the backend's emulations: AF_UNSPEC on a stream socket. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.STREAM_AF_UNSPEC);
    }

    /** The refusal of a call Java cannot express, with the reason the kit gives for it (ConnectErrors, en). */
    private static UnsupportedCapabilityException lacks(Capability capability) {
        return new UnsupportedCapabilityException(NAME, capability,
                ConnectErrors.reason(ConnectErrors.Backend.NIO, capability, Language.EN));
    }

    private Descriptor descriptor(String call, int fd) throws ErrnoException {
        Descriptor d = table.get(fd);
        if (d == null) {
            throw new ErrnoException(call, Errno.EBADF);
        }
        return d;
    }

    /** The errno a Java exception stands for, as {@link JavaErrors} says; anything else is a bug here. */
    private static ErrnoException translate(String call, Exception e) {
        if (e instanceof ErrnoException ee) {
            return ee;
        }
        if (e instanceof UnsupportedCapabilityException u) {
            throw u;
        }
        Errno errno = JavaErrors.errnoOf(e).orElseThrow(() -> new IllegalStateException(
                call + "() threw " + e + ", which the errno-to-Java table does not translate", e));
        return new ErrnoException(call, errno);
    }

    /** The lowest descriptor number not in use, from 3 on, as POSIX allocates descriptors (XSH 2.14). */
    private synchronized int register(Descriptor d) {
        int fd = 3;
        while (table.containsKey(fd)) {
            fd++;
        }
        table.put(fd, d);
        return fd;
    }

    // ---- socket, bind, listen, accept ----

    @Override
    public int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        if (domain == AddressFamily.AF_UNSPEC) {
            throw new ErrnoException("socket", Errno.EAFNOSUPPORT);
        }
        if (domain == AddressFamily.AF_UNIX && type == SocketType.SOCK_DGRAM) {
            throw lacks(Capability.UNIX_DATAGRAM);
        }
        try {
            SelectableChannel channel = type == SocketType.SOCK_STREAM
                    ? SocketChannel.open(Descriptor.protocol(domain)) : DatagramChannel.open(Descriptor.protocol(domain));
            return register(new Descriptor(domain, type, channel));
        } catch (IOException e) {
            throw translate("socket", e);
        }
    }

    @Override
    public void bind(int fd, SockAddr address) throws ErrnoException {
        SockAddr addr = address;
        Descriptor d = descriptor("bind", fd);
        var wrongFamily = FamilyRules.bind(d.family, addr); // Java would map an IPv4 address to IPv6 silently
        if (wrongFamily.isPresent()) {
            throw new ErrnoException("bind", wrongFamily.get());
        }
        if (addr instanceof SockAddr.Unspec) {
            addr = SockAddr.inet("0.0.0.0", 0); // inet_bind() takes AF_UNSPEC with INADDR_ANY as AF_INET
        }
        if (addr instanceof SockAddr.Un un && un.unnamed()) {
            throw lacks(Capability.UNIX_AUTOBIND); // Linux gives the socket an abstract name, which Java has not
        }
        if (isBroadcast(addr)) {
            throw lacks(Capability.BIND_BROADCAST);
        }
        try {
            if (d.channel() instanceof SocketChannel pending && pending.isConnectionPending()
                    && !Attempts.finishIfDone(d, pending)) {
                throw new ErrnoException("bind", Errno.EINVAL); // inet_bind(): connect() already gave it a port
            }
            switch (d.channel()) {
                case ServerSocketChannel ignored -> throw new ErrnoException("bind", Errno.EINVAL);
                case SocketChannel sc when d.family == AddressFamily.AF_UNIX && sc.isConnected()
                        && d.explicitBind == null -> throw lacks(Capability.BIND_AFTER_CONNECT);
                case SocketChannel sc when sc.getLocalAddress() != null && !isUnnamed(sc.getLocalAddress()) ->
                        throw new ErrnoException("bind", Errno.EINVAL);
                case DatagramChannel dc when dc.getLocalAddress() != null -> throw new ErrnoException("bind", Errno.EINVAL);
                case SelectableChannel channel -> Descriptor.bind(channel, addr);
            }
            d.explicitBind = addr;
            d.staleName = null;
        } catch (IOException | RuntimeException e) {
            throw translate("bind", e);
        }
    }

    private static boolean isUnnamed(SocketAddress local) {
        return local instanceof UnixDomainSocketAddress path && path.getPath().toString().isEmpty();
    }

    /**
     * Java has no listen() on a SocketChannel: the address bind() reserved is released and bound again by a
     * {@link ServerSocketChannel}. Java reads a backlog of 0 as "the default (50)", so 0 becomes 1, the smallest
     * backlog Java can ask for.
     */
    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        Descriptor d = descriptor("listen", fd);
        SelectableChannel channel = d.channel();
        if (channel instanceof ServerSocketChannel) {
            return; // Linux: listen() again on a listener only changes its backlog
        }
        if (!(channel instanceof SocketChannel sc)) {
            throw new ErrnoException("listen", Errno.EOPNOTSUPP);
        }
        if (sc.isConnected() || sc.isConnectionPending()) {
            throw new ErrnoException("listen", Errno.EINVAL);
        }
        try {
            SocketAddress local = sc.getLocalAddress();
            if (local instanceof UnixDomainSocketAddress path && path.getPath().toString().isEmpty()) {
                local = null; // Java's name for an unbound Unix-domain socket
            }
            if (local == null && d.family == AddressFamily.AF_UNIX) {
                throw new ErrnoException("listen", Errno.EINVAL); // an unbound AF_UNIX socket cannot listen
            }
            if (backlog <= 0) {
                throw lacks(Capability.LISTEN_BACKLOG_ZERO);
            }
            ServerSocketChannel server = ServerSocketChannel.open(Descriptor.protocol(d.family));
            try {
                if (d.options.getOrDefault(SocketOption.SO_REUSEADDR, 0) != 0 && d.family != AddressFamily.AF_UNIX) {
                    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                }
                sc.close();
                if (local instanceof UnixDomainSocketAddress path) {
                    Files.deleteIfExists(path.getPath()); // the first bind() created the socket file
                }
                if (local == null && d.explicitBind != null) {
                    local = Addresses.toJava(d.explicitBind); // an explicit address stays; its port is chosen anew
                }
                server.bind(local, backlog); // null: an ephemeral port, as Linux's autobind
                server.configureBlocking(!d.nonBlocking);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            d.replace(server);
            d.staleName = null;
        } catch (IOException e) {
            throw translate("listen", e);
        }
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        Descriptor d = descriptor("accept", fd);
        if (d.type == SocketType.SOCK_DGRAM) {
            throw new ErrnoException("accept", Errno.EOPNOTSUPP); // sock_no_accept(): datagrams have no connections
        }
        if (!(d.channel() instanceof ServerSocketChannel server)) {
            throw new ErrnoException("accept", Errno.EINVAL); // not a listener, or a listener shut down
        }
        try {
            SocketChannel accepted = server.accept(); // may block: no lock is held
            if (accepted == null) {
                throw new ErrnoException("accept", Errno.EAGAIN); // non-blocking, nothing queued
            }
            return register(new Descriptor(d.family, SocketType.SOCK_STREAM, accepted));
        } catch (IOException e) {
            throw translate("accept", e);
        }
    }

    // ---- connect ----

    /** Errors of the route, found before any SYN is sent (ip_route_connect()): the socket keeps its bind. */
    private static final Set<Errno> NO_ROUTE = EnumSet.of(Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETDOWN,
            Errno.EACCES);

    /** The broadcast addresses a loopback program can name: the limited one and loopback's own. */
    private static boolean isBroadcast(SockAddr address) {
        String ip = switch (address) {
            case SockAddr.In in -> in.address().getHostAddress();
            case SockAddr.In6 in6 -> in6.address().getHostAddress().replaceFirst("^0:0:0:0:0:ffff:", "");
            default -> "";
        };
        return ip.matches("(127|255)\\.255\\.255\\.255|7fff:ffff|ffff:ffff");
    }

    /** Java refuses a destination port of 0 before the kernel sees it ("Can't connect to port 0"). */
    private static void requireNonZeroPort(SockAddr destination) {
        if ((destination instanceof SockAddr.In || destination instanceof SockAddr.In6)
                && Addresses.port(destination) == 0) {
            throw lacks(Capability.PORT_ZERO_DESTINATION);
        }
    }

    @Override
    public void connect(int fd, SockAddr addr) throws ErrnoException {
        Descriptor d = descriptor("connect", fd);
        requireNonZeroPort(addr);
        try {
            switch (d.channel()) {
                case SocketChannel sc -> connectStream(d, sc, addr);
                case DatagramChannel dc -> connectDatagram(d, dc, addr);
                // connect(AF_UNSPEC) on a TCP listener is a disconnect: it stops listening (tcp_disconnect())
                case ServerSocketChannel server when addr instanceof SockAddr.Unspec
                        && d.family != AddressFamily.AF_UNIX -> stopListening(d, server);
                // a listener: TCP says EISCONN (__inet_stream_connect()), AF_UNIX EINVAL (unix_stream_connect())
                case ServerSocketChannel ignored -> throw new ErrnoException("connect",
                        d.family == AddressFamily.AF_UNIX ? Errno.EINVAL : Errno.EISCONN);
                default -> throw new IllegalStateException("unknown channel " + d.channel());
            }
        } catch (IOException | RuntimeException e) {
            throw translate("connect", e);
        }
    }

    /**
     * TCP's connect() in Java's terms, state by state as Linux's {@code __inet_stream_connect}: connected is
     * EISCONN; pending is {@code finishConnect()} (0 once when it is done, S-12's EALREADY while not); a failed
     * attempt reports its error once; otherwise a new attempt (S-07), EINPROGRESS when non-blocking (S-11).
     */
    private void connectStream(Descriptor d, SocketChannel sc, SockAddr addr) throws IOException {
        if (d.family == AddressFamily.AF_UNIX && (!(addr instanceof SockAddr.Un un) || un.unnamed())) {
            throw new ErrnoException("connect", Errno.EINVAL); // unix_validate_addr(): a path, and of AF_UNIX
        }
        if (addr instanceof SockAddr.Unspec) {
            disconnectStream(d, sc); // Linux: connect(AF_UNSPEC) dissolves the connection (S-06 for streams)
            return;
        }
        if (sc.isConnectionPending()) {
            boolean done = d.nonBlocking ? Attempts.finishIfDone(d, sc) : finishBlocking(d, sc);
            if (!done) {
                throw new ErrnoException("connect", Errno.EALREADY); // S-12: the address is not even looked at
            }
        }
        if (sc.isConnected()) {
            if (d.completionUnreported) {
                d.completionUnreported = false;
                return; // the first connect() after an asynchronous completion returns 0 once
            }
            throw new ErrnoException("connect", Errno.EISCONN);
        }
        if (d.attemptFailed) {
            // Linux reports a failed attempt once; if SO_ERROR already took the error, ECONNABORTED.
            Errno error = d.takeError();
            clearFailure(d);
            throw new ErrnoException("connect", error == null ? Errno.ECONNABORTED : error);
        }
        var wrongFamily = FamilyRules.connect(d.family, d.type, addr);
        if (wrongFamily.isPresent()) {
            throw new ErrnoException("connect", wrongFamily.get());
        }
        clearFailure(d);
        d.staleName = null;
        boolean connected;
        SocketAddress boundBefore = sc.getLocalAddress();
        try {
            // S-07; blocks when blocking (S-08), holding no lock
            connected = sc.connect(Addresses.toJava(Addresses.loopbackIfAny(addr)));
        } catch (IOException e) {
            Errno error = JavaErrors.errnoOf(e).orElse(null);
            if (error != null && !sc.isOpen() && d.channel() == sc) {
                // The attempt failed (S-09) and Java closed the channel; the socket lives on, as on Linux.
                Attempts.failed(d, error);
                d.takeError();
                clearFailure(d);
                if (boundBefore != null && NO_ROUTE.contains(error) && d.channel() instanceof SocketChannel fresh
                        && fresh.getLocalAddress() == null) {
                    fresh.bind(boundBefore); // no SYN was sent: the route failed first, and the bind stays
                }
            }
            throw e;
        }
        if (!connected) {
            throw new ErrnoException("connect", Errno.EINPROGRESS); // S-11: Java returns false for it
        }
    }

    private static boolean finishBlocking(Descriptor d, SocketChannel sc) throws IOException {
        try {
            boolean done = sc.finishConnect(); // a blocking channel waits for the attempt's end, as connect()
            d.completionUnreported |= done;
            return done;
        } catch (IOException e) {
            Attempts.failed(d, JavaErrors.errnoOf(e).orElseThrow(() -> e));
            return true;
        }
    }

    private static void clearFailure(Descriptor d) {
        d.attemptFailed = false;
        d.shutBoth = false;
    }

    /** connect(AF_UNSPEC) on a stream: the connection or attempt is dropped and the socket is fresh again. */
    private static void disconnectStream(Descriptor d, SocketChannel sc) throws IOException {
        if (sc.isConnected()) {
            sc.setOption(StandardSocketOptions.SO_LINGER, 0); // tcp_disconnect() sends a RST
        }
        if (sc.isConnected() || sc.isConnectionPending() || d.attemptFailed) {
            d.replace(d.freshChannel(true));
        }
        d.pendingError = null;
        d.readShut = false; // tcp_disconnect() clears the shutdown bits too
        d.writeShut = false;
        clearFailure(d);
    }

    /**
     * A datagram connect(): it sets the peer (S-03), or resets it with AF_UNSPEC (S-06). Java refuses to connect
     * a connected channel again, which C allows: the channel is disconnected first.
     */
    private static void connectDatagram(Descriptor d, DatagramChannel dc, SockAddr addr) throws IOException {
        if (addr instanceof SockAddr.Unspec) {
            if (dc.isConnected()) {
                dc.disconnect();
            }
            if ((d.explicitBind == null || Addresses.port(d.explicitBind) == 0) && dc.getLocalAddress() != null) {
                // Linux releases a port bind() did not fix (no SOCK_BINDPORT_LOCK); DatagramChannel.disconnect()
                // keeps it. An explicit address stays, shown with port 0 (SOCK_BINDADDR_LOCK).
                d.replace(d.freshChannel(false));
            }
            return;
        }
        var wrongFamily = FamilyRules.connect(d.family, d.type, addr);
        if (wrongFamily.isPresent()) {
            if (dc.getLocalAddress() == null && d.family != AddressFamily.AF_UNIX) {
                dc.bind(null); // inet_dgram_connect binds before the protocol looks at the address
            }
            throw new ErrnoException("connect", wrongFamily.get());
        }
        if (dc.isConnected()) {
            dc.disconnect();
        }
        dc.connect(Addresses.toJava(Addresses.loopbackIfAny(addr)));
    }

    /** Java always passes the right length for a typed address: there is no way to pass another. */
    @Override
    public void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException {
        descriptor("connect", fd);
        throw lacks(Capability.EXPLICIT_ADDRLEN);
    }

    // ---- names and options ----

    @Override
    public SockAddr getsockname(int fd) throws ErrnoException {
        Descriptor d = descriptor("getsockname", fd);
        try {
            if (d.channel() instanceof SocketChannel pending && pending.isConnectionPending()) {
                Attempts.finishIfDone(d, pending); // Java learns the source address connect() chose when it ends
            }
            SocketAddress local = switch (d.channel()) {
                case SocketChannel sc -> sc.getLocalAddress();
                case ServerSocketChannel ssc -> ssc.getLocalAddress();
                case DatagramChannel dc -> dc.getLocalAddress();
                default -> throw new IllegalStateException("unknown channel " + d.channel());
            };
            if (local == null && d.staleName != null) {
                return d.staleName;
            }
            if (local == null && d.explicitBind != null) {
                return Addresses.withoutPort(d.explicitBind); // Linux keeps an explicit address without its port
            }
            if (local instanceof UnixDomainSocketAddress path && path.getPath().toString().isEmpty()) {
                return Addresses.unbound(d.family);
            }
            return local == null ? Addresses.unbound(d.family) : Addresses.fromJava(local, d.family);
        } catch (IOException e) {
            throw translate("getsockname", e);
        }
    }

    @Override
    public SockAddr getpeername(int fd) throws ErrnoException {
        Descriptor d = descriptor("getpeername", fd);
        try {
            SocketAddress remote = switch (d.channel()) {
                // While an attempt is pending Java already knows the address; the kernel says ENOTCONN.
                case SocketChannel sc -> sc.isConnectionPending() && !Attempts.finishIfDone(d, sc) ? null
                        : d.channel() instanceof SocketChannel now ? now.getRemoteAddress() : null;
                case DatagramChannel dc -> dc.getRemoteAddress();
                default -> null;
            };
            if (remote == null) {
                throw new ErrnoException("getpeername", Errno.ENOTCONN);
            }
            return Addresses.fromJava(remote, d.family);
        } catch (IOException e) {
            throw translate("getpeername", e);
        }
    }

    /** SO_ERROR is {@code finishConnect()}'s verdict on a pending attempt: 0, or the errno of its exception. */
    @Override
    public int getsockopt(int fd, SocketOption option) throws ErrnoException {
        Descriptor d = descriptor("getsockopt", fd);
        return switch (option) {
            case SO_ERROR -> {
                if (d.pendingError == null && d.channel() instanceof SocketChannel sc && sc.isConnectionPending()) {
                    Attempts.finishIfDone(d, sc);
                }
                NioPoll.probe(d); // a reset of an established connection is pending too
                Errno error = d.takeError();
                yield error == null ? 0 : error.number();
            }
            // SOL_SOCKET options belong to every socket, whatever Java applies them to: kept per descriptor
            case SO_BROADCAST, SO_REUSEADDR -> d.options.getOrDefault(option, 0);
            case SO_LINGER -> d.options.getOrDefault(option, -1);
            case TCP_SYNCNT -> throw lacks(Capability.TCP_SYNCNT);
            case IPV6_V6ONLY -> throw lacks(Capability.IPV6_V6ONLY);
        };
    }

    @Override
    public void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        Descriptor d = descriptor("setsockopt", fd);
        try {
            switch (option) {
                case SO_BROADCAST -> {
                    d.options.put(option, value != 0 ? 1 : 0); // Linux reads back 1 for any non-zero value
                    if (d.channel() instanceof DatagramChannel dc) {
                        dc.setOption(StandardSocketOptions.SO_BROADCAST, value != 0);
                    }
                }
                case SO_REUSEADDR -> {
                    d.options.put(option, value != 0 ? 1 : 0);
                    if (d.family != AddressFamily.AF_UNIX) { // Java refuses it on Unix-domain channels; Linux ignores it
                        Descriptor.setReuseAddress(d.channel(), value != 0);
                    }
                }
                case SO_LINGER -> {
                    d.options.put(option, Math.max(value, -1)); // a negative value turns lingering off (-1)
                    if (d.channel() instanceof SocketChannel sc) {
                        sc.setOption(StandardSocketOptions.SO_LINGER, Math.max(value, -1));
                    }
                }
                case SO_ERROR -> throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
                case TCP_SYNCNT -> throw lacks(Capability.TCP_SYNCNT);
                case IPV6_V6ONLY -> throw lacks(Capability.IPV6_V6ONLY);
            }
        } catch (IOException e) {
            throw translate("setsockopt", e);
        }
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        Descriptor d = descriptor("fcntl", fd);
        try {
            d.channel().configureBlocking(!nonBlocking); // SelectableChannel.configureBlocking: O_NONBLOCK
            d.nonBlocking = nonBlocking;
        } catch (IOException e) {
            throw translate("fcntl", e);
        }
    }

    @Override
    public boolean isNonBlocking(int fd) throws ErrnoException {
        return descriptor("fcntl", fd).nonBlocking;
    }

    // ---- poll ----

    @Override
    public List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        List<Descriptor> ds = new ArrayList<>();
        for (PollFd p : fds) {
            ds.add(descriptor("poll", p.fd())); // the kit's rule: a descriptor it did not open is EBADF
        }
        return NioPoll.poll(fds, ds, timeoutMillis);
    }

    // ---- data ----

    @Override
    public int send(int fd, byte[] data) throws ErrnoException {
        Descriptor d = descriptor("send", fd);
        try {
            return switch (d.channel()) {
                case SocketChannel sc when d.family == AddressFamily.AF_UNIX -> {
                    // unix_stream_sendmsg(): no peer is ENOTCONN, then a shut down side is EPIPE
                    if (!sc.isConnected()) {
                        throw new ErrnoException("send", Errno.ENOTCONN);
                    }
                    yield sendStream(d, sc, data);
                }
                case SocketChannel sc -> sendStream(d, sc, data);
                case DatagramChannel dc -> {
                    if (dc.getLocalAddress() == null) {
                        dc.bind(null); // Linux binds before it looks for a destination (inet_send_prepare)
                    }
                    if (!dc.isConnected()) {
                        throw new ErrnoException("send", Errno.EDESTADDRREQ); // udp_sendmsg(), before anything
                    }
                    Errno error = d.takeError(); // then sock_alloc_send_pskb(): the pending error, then EPIPE
                    if (error != null) {
                        throw new ErrnoException("send", error);
                    }
                    if (d.writeShut) {
                        throw new ErrnoException("send", Errno.EPIPE);
                    }
                    yield dc.write(ByteBuffer.wrap(data));
                }
                // A listener: TCP's sk_stream_wait_connect() says EPIPE, AF_UNIX has no peer (ENOTCONN).
                default -> throw new ErrnoException("send", d.family == AddressFamily.AF_UNIX ? Errno.ENOTCONN : Errno.EPIPE);
            };
        } catch (IOException | RuntimeException e) {
            throw translate("send", e);
        }
    }

    /** A stream send as {@code tcp_sendmsg} does it: wait for a pending attempt, then its error, then EPIPE. */
    private static int sendStream(Descriptor d, SocketChannel channel, byte[] data) throws IOException {
        if (channel.isConnectionPending()) {
            boolean done = d.nonBlocking ? Attempts.finishIfDone(d, channel) : finishBlocking(d, channel);
            if (!done) {
                throw new ErrnoException("send", Errno.EAGAIN); // sk_stream_wait_connect(), not blocking
            }
        }
        Errno error = d.takeError();
        if (error != null) {
            throw new ErrnoException("send", error);
        }
        if (!(d.channel() instanceof SocketChannel sc) || !sc.isConnected() || d.writeShut) {
            throw new ErrnoException("send", Errno.EPIPE);
        }
        int n;
        try {
            n = sc.write(ByteBuffer.wrap(data));
        } catch (NotYetConnectedException e) {
            throw new ErrnoException("send", Errno.EPIPE);
        }
        if (n == 0 && data.length > 0) {
            throw new ErrnoException("send", Errno.EAGAIN);
        }
        return n;
    }

    @Override
    public int recv(int fd, byte[] buffer) throws ErrnoException {
        Descriptor d = descriptor("recv", fd);
        try {
            return switch (d.channel()) {
                case SocketChannel sc -> recvStream(d, sc, buffer);
                case DatagramChannel dc -> {
                    Datagram datagram = receiveDatagram(d, dc, buffer.length);
                    System.arraycopy(datagram.data(), 0, buffer, 0, datagram.data().length);
                    yield datagram.data().length;
                }
                // a listener: tcp_recvmsg() says ENOTCONN, unix_stream_recvmsg() EINVAL
                default -> throw new ErrnoException("recv", d.family == AddressFamily.AF_UNIX ? Errno.EINVAL : Errno.ENOTCONN);
            };
        } catch (IOException | RuntimeException e) {
            throw translate("recv", e);
        }
    }

    /** A stream read as {@code tcp_recvmsg} does it: data, else the pending error once, else 0 after the end. */
    private static int recvStream(Descriptor d, SocketChannel sc, byte[] buffer) throws IOException {
        byte[] ahead = d.lookahead;
        if (ahead != null) {
            int n = Math.min(ahead.length, buffer.length);
            System.arraycopy(ahead, 0, buffer, 0, n);
            d.lookahead = n == ahead.length ? null : Arrays.copyOfRange(ahead, n, ahead.length);
            return n;
        }
        if (sc.isConnectionPending()) {
            if (d.nonBlocking && !Attempts.finishIfDone(d, sc)) {
                throw new ErrnoException("recv", Errno.EAGAIN);
            }
            if (!d.nonBlocking) {
                finishBlocking(d, sc);
            }
        }
        Errno error = d.takeError();
        if (error != null) {
            d.shutBoth = true;
            throw new ErrnoException("recv", error);
        }
        if (d.family == AddressFamily.AF_UNIX && !((SocketChannel) d.channel()).isConnected()) {
            throw new ErrnoException("recv", Errno.EINVAL); // unix_stream_recvmsg() wants an established socket
        }
        if (d.endOfStream || d.shutBoth || d.readShut) {
            return 0;
        }
        SocketChannel current = (SocketChannel) d.channel();
        if (!current.isConnected()) {
            // unix_stream_recvmsg() wants an established socket (EINVAL); tcp_recvmsg() says ENOTCONN
            throw new ErrnoException("recv", d.family == AddressFamily.AF_UNIX ? Errno.EINVAL : Errno.ENOTCONN);
        }
        try {
            int n = current.read(ByteBuffer.wrap(buffer)); // may block: no lock is held
            if (n < 0) {
                d.endOfStream = true;
                return 0;
            }
            if (n == 0 && d.nonBlocking && buffer.length > 0) {
                throw new ErrnoException("recv", Errno.EAGAIN);
            }
            return n;
        } catch (IOException e) {
            if (!(e instanceof ErrnoException) && JavaErrors.errnoOf(e).orElse(null) == Errno.ECONNRESET) {
                d.shutBoth = true; // Linux: a reset is reported once, then reads return 0
            }
            throw e;
        }
    }

    /** One datagram, from poll()'s lookahead or the channel; a pending ICMP error is reported first. */
    private static Datagram receiveDatagram(Descriptor d, DatagramChannel dc, int maxLength) throws IOException {
        byte[] ahead = d.lookahead;
        if (ahead != null) {
            d.lookahead = null;
            return new Datagram(Arrays.copyOf(ahead, Math.min(ahead.length, maxLength)),
                    Addresses.fromJava(d.lookaheadFrom, d.family));
        }
        Errno error = d.takeError();
        if (error != null) {
            throw new ErrnoException("recv", error);
        }
        if (d.readShut && !d.nonBlocking) {
            // After SHUT_RD a blocking receive returns what is queued, then 0 at once
            // (__skb_wait_for_more_packets()); a non-blocking one still says EAGAIN when nothing is queued.
            boolean blocking = dc.isBlocking();
            dc.configureBlocking(false);
            try {
                ByteBuffer b = ByteBuffer.allocate(maxLength);
                SocketAddress from = dc.getLocalAddress() == null ? null : dc.receive(b);
                if (from == null) {
                    return new Datagram(new byte[0], SockAddr.unspec());
                }
                b.flip();
                byte[] data = new byte[b.remaining()];
                b.get(data);
                return new Datagram(data, Addresses.fromJava(from, d.family));
            } finally {
                dc.configureBlocking(blocking);
            }
        }
        if (dc.getLocalAddress() == null) {
            // Nothing can reach an unbound socket, and Linux does not bind it here (DatagramChannel.receive would).
            if (d.nonBlocking) {
                throw new ErrnoException("recv", Errno.EAGAIN);
            }
            waitForASignal();
        }
        ByteBuffer b = ByteBuffer.allocate(maxLength);
        SocketAddress from = dc.receive(b); // may block: no lock is held
        if (from == null) {
            throw new ErrnoException("recv", Errno.EAGAIN);
        }
        b.flip();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new Datagram(data, Addresses.fromJava(from, d.family));
    }

    /**
     * A blocking receive on an unbound datagram socket waits forever in C; here it waits for Thread.interrupt(),
     * the only signal a Java thread gets, and fails with EINTR.
     */
    private static void waitForASignal() throws IOException {
        try (java.nio.channels.Selector never = java.nio.channels.Selector.open()) {
            while (!Thread.currentThread().isInterrupted()) {
                never.select();
            }
        }
        throw new ErrnoException("recv", Errno.EINTR);
    }

    @Override
    public int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        Descriptor d = descriptor("sendto", fd);
        if (d.family == AddressFamily.AF_UNIX && d.type == SocketType.SOCK_STREAM) {
            // unix_stream_sendmsg(): a stream takes no address: EISCONN when connected, EOPNOTSUPP otherwise
            throw new ErrnoException("sendto", d.channel() instanceof SocketChannel sc && sc.isConnected()
                    ? Errno.EISCONN : Errno.EOPNOTSUPP);
        }
        if (!(d.channel() instanceof DatagramChannel dc)) {
            return send(fd, data); // TCP ignores the address
        }
        try {
            if (dc.getLocalAddress() == null && d.family != AddressFamily.AF_UNIX) {
                dc.bind(null); // inet_send_prepare() binds before udp_sendmsg() looks at the address
            }
        } catch (IOException e) {
            throw translate("sendto", e);
        }
        var wrongFamily = FamilyRules.sendto(d.family, to);
        if (wrongFamily.isPresent()) {
            throw new ErrnoException("sendto", wrongFamily.get());
        }
        if (to instanceof SockAddr.Unspec) {
            return send(fd, data); // an AF_INET6 socket ignores an AF_UNSPEC address, as send() does
        }
        requireNonZeroPort(to);
        try {
            if (isBroadcast(to) && d.options.getOrDefault(SocketOption.SO_BROADCAST, 0) == 0) {
                throw new ErrnoException("sendto", Errno.EACCES); // the route says broadcast (udp_sendmsg)
            }
            if (d.writeShut) {
                throw new ErrnoException("sendto", Errno.EPIPE);
            }
            SocketAddress peer = dc.getRemoteAddress();
            SocketAddress target = Addresses.toJava(Addresses.loopbackIfAny(to));
            if (peer != null && !peer.equals(target)) {
                // Linux sends a datagram of a connected socket wherever sendto() says; Java insists on the peer.
                dc.disconnect();
                try {
                    return dc.send(ByteBuffer.wrap(data), target);
                } finally {
                    dc.connect(peer);
                }
            }
            return dc.send(ByteBuffer.wrap(data), target);
        } catch (IOException | RuntimeException e) {
            throw translate("sendto", e);
        }
    }

    @Override
    public Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        Descriptor d = descriptor("recvfrom", fd);
        try {
            if (d.channel() instanceof DatagramChannel dc) {
                return receiveDatagram(d, dc, maxLength);
            }
            byte[] buffer = new byte[maxLength];
            int n = recv(fd, buffer);
            // tcp_recvmsg() writes no address (the kit decodes an empty one as AF_UNSPEC); AF_UNIX names the peer
            return new Datagram(Arrays.copyOf(buffer, n), d.family == AddressFamily.AF_UNIX ? peerOrUnnamed(d)
                    : SockAddr.unspec());
        } catch (IOException | RuntimeException e) {
            throw translate("recvfrom", e);
        }
    }

    /**
     * A TCP listener stops listening, as {@code tcp_disconnect()} does on shutdown(SHUT_RD) or connect(AF_UNSPEC):
     * its shutdown bits are cleared, and the port is kept only if bind() chose it.
     */
    private static void stopListening(Descriptor d, ServerSocketChannel server) throws IOException {
        SocketAddress local = server.getLocalAddress();
        d.replace(d.freshChannel(true)); // a port bind() was given stays bound (SOCK_BINDPORT_LOCK)
        d.readShut = false;
        d.writeShut = false;
        if (local != null && d.channel() instanceof SocketChannel fresh && fresh.getLocalAddress() == null) {
            // Any other port is released (inet_put_port()), yet getsockname() still shows it until a new bind.
            d.staleName = Addresses.fromJava(local, d.family);
        }
    }

    private static SockAddr peerOrUnnamed(Descriptor d) throws IOException {
        if (d.channel() instanceof SocketChannel sc && sc.getRemoteAddress() instanceof UnixDomainSocketAddress peer
                && !peer.getPath().toString().isEmpty()) {
            return Addresses.fromJava(peer);
        }
        return SockAddr.unspec(); // an unnamed peer: Linux writes no address (unix_copy_addr())
    }

    /**
     * shutdown() as Linux's {@code inet_shutdown}: a connected stream shuts down its directions; a listener shut
     * down for reading stops listening (accept() then says EINVAL, connections are refused); a pending attempt is
     * aborted (SO_ERROR ECONNRESET); a datagram socket records the directions (send() then says EPIPE), and says
     * ENOTCONN when it has no peer, as does a stream that is not connected.
     */
    @Override
    public void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        Descriptor d = descriptor("shutdown", fd);
        boolean read = how != ShutdownHow.SHUT_WR;
        boolean write = how != ShutdownHow.SHUT_RD;
        try {
            switch (d.channel()) {
                case ServerSocketChannel ignored when d.family == AddressFamily.AF_UNIX -> {
                    // unix_shutdown() records the directions of any socket and succeeds
                }
                case ServerSocketChannel server -> {
                    if (read) {
                        stopListening(d, server);
                    }
                }
                case SocketChannel sc when sc.isConnectionPending() -> {
                    d.replace(d.freshChannel(true));
                    d.pendingError = Errno.ECONNRESET; // tcp_disconnect() of an attempt sets ECONNRESET
                    clearFailure(d);
                }
                case SocketChannel sc when sc.isConnected() -> {
                    if (read) {
                        sc.shutdownInput();
                        d.readShut = true;
                    }
                    if (write) {
                        sc.shutdownOutput();
                        d.writeShut = true;
                    }
                }
                case SocketChannel ignored -> {
                    // Not connected: AF_UNIX records the directions and succeeds (unix_shutdown()); TCP records
                    // them too but says ENOTCONN (inet_shutdown()'s "hack to wake up other listeners").
                    d.readShut |= read;
                    d.writeShut |= write;
                    if (d.family != AddressFamily.AF_UNIX) {
                        throw new ErrnoException("shutdown", Errno.ENOTCONN);
                    }
                }
                case DatagramChannel dc -> {
                    d.readShut |= read;
                    d.writeShut |= write;
                    if (!dc.isConnected()) {
                        throw new ErrnoException("shutdown", Errno.ENOTCONN); // the bits are set all the same
                    }
                }
                default -> throw new IllegalStateException("unknown channel " + d.channel());
            }
        } catch (IOException | RuntimeException e) {
            throw translate("shutdown", e);
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        Descriptor d = table.remove(fd);
        if (d == null) {
            throw new ErrnoException("close", Errno.EBADF);
        }
        try {
            d.channel().close(); // a call blocked on it in another thread returns at once (EBADF)
        } catch (IOException e) {
            throw translate("close", e);
        }
    }

    @Override
    public List<Integer> openDescriptors() {
        return List.copyOf(table.keySet());
    }

    /**
     * Java has no way to deliver a signal to a thread blocked in connect(): {@code Thread.interrupt()} wakes it
     * with the JDK's own signal, then closes the channel (ClosedByInterruptException), aborting the attempt.
     */
    @Override
    public void alarm(Duration delay) {
        throw lacks(Capability.SIGNALS);
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public void close() {
        for (int fd : List.copyOf(table.keySet())) {
            try {
                close(fd);
            } catch (ErrnoException alreadyClosed) {
                // another thread closed it first: closed either way
            }
        }
    }
}
