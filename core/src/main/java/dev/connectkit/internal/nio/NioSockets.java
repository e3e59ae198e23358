package dev.connectkit.internal.nio;

import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.internal.Backend;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The java.nio backend: each call is done the way a Java program does it, with {@link SocketChannel},
 * {@link ServerSocketChannel}, {@link DatagramChannel} and a {@link Selector}, and each exception is turned back
 * into the errno it stands for by {@link JavaErrors}, the kit's one errno-to-Java table.
 *
 * <p>Where Java has no way to express a call, the backend says so with an
 * {@link UnsupportedCapabilityException} naming the capability and the reason: signals ({@link #alarm}), TCP_SYNCNT, an explicit
 * address length, and AF_UNSPEC on a stream socket. Three emulations are documented where they happen:
 * {@code listen()} moves the address {@code bind()} reserved to a {@link ServerSocketChannel}; {@code SO_ERROR}
 * is {@code finishConnect()}'s verdict; {@code poll()} is a one-shot {@link Selector}.
 */
public final class NioSockets implements Backend {

    /** What the backend keeps per descriptor. */
    private static final class Descriptor {
        final AddressFamily family;
        final SocketType type;
        SelectableChannel channel;
        boolean nonBlocking;
        /** The errno finishConnect() reported, until SO_ERROR reads it. */
        Errno pendingError;
        final Map<SocketOption, Integer> options = new HashMap<>();

        Descriptor(AddressFamily family, SocketType type, SelectableChannel channel) {
            this.family = family;
            this.type = type;
            this.channel = channel;
        }
    }

    private final Map<Integer, Descriptor> table = new TreeMap<>();
    private int nextFd = 3;

    public NioSockets() {
    }

    @Override
    public String backend() {
        return "nio";
    }

    /** What Java's channels can express: no signals, no TCP_SYNCNT, no address length, no AF_UNIX datagrams. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
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
        Errno errno = JavaErrors.errnoOf(e).orElseThrow(() -> new IllegalStateException(
                call + "() threw " + e + ", which the errno-to-Java table does not translate", e));
        return new ErrnoException(call, errno);
    }

    private static ProtocolFamily protocol(AddressFamily family) {
        return switch (family) {
            case AF_INET -> StandardProtocolFamily.INET;
            case AF_INET6 -> StandardProtocolFamily.INET6;
            case AF_UNIX -> StandardProtocolFamily.UNIX;
            case AF_UNSPEC -> throw new IllegalArgumentException("AF_UNSPEC has no protocol family");
        };
    }

    @Override
    public synchronized int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        if (domain == AddressFamily.AF_UNSPEC) {
            throw new ErrnoException("socket", Errno.EAFNOSUPPORT);
        }
        if (domain == AddressFamily.AF_UNIX && type == SocketType.SOCK_DGRAM) {
            throw new UnsupportedCapabilityException("nio", Capability.UNIX_DATAGRAM, "java.nio has no Unix-domain datagram channel");
        }
        try {
            SelectableChannel channel = type == SocketType.SOCK_STREAM
                    ? SocketChannel.open(protocol(domain)) : DatagramChannel.open(protocol(domain));
            int fd = nextFd++;
            table.put(fd, new Descriptor(domain, type, channel));
            return fd;
        } catch (IOException e) {
            throw translate("socket", e);
        }
    }

    @Override
    public synchronized void bind(int fd, SockAddr addr) throws ErrnoException {
        Descriptor d = descriptor("bind", fd);
        try {
            switch (d.channel) {
                case SocketChannel sc -> sc.bind(toJava(addr));
                case DatagramChannel dc -> dc.bind(toJava(addr));
                case ServerSocketChannel ignored -> throw new ErrnoException("bind", Errno.EINVAL);
                default -> throw new IllegalStateException("unknown channel " + d.channel);
            }
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("bind", e);
        }
    }

    /**
     * Java has no listen() on a SocketChannel: the address bind() reserved is released and bound again by a
     * {@link ServerSocketChannel}. Java reads a backlog of 0 as "the default (50)", so 0 becomes 1, the smallest
     * backlog Java can ask for.
     */
    @Override
    public synchronized void listen(int fd, int backlog) throws ErrnoException {
        Descriptor d = descriptor("listen", fd);
        if (!(d.channel instanceof SocketChannel sc)) {
            throw new ErrnoException("listen", d.channel instanceof ServerSocketChannel ? Errno.EINVAL : Errno.EOPNOTSUPP);
        }
        try {
            SocketAddress local = sc.getLocalAddress();
            sc.close();
            if (local instanceof UnixDomainSocketAddress path) {
                java.nio.file.Files.deleteIfExists(path.getPath()); // the first bind() created the socket file
            }
            ServerSocketChannel server = ServerSocketChannel.open(protocol(d.family));
            if (d.options.getOrDefault(SocketOption.SO_REUSEADDR, 0) != 0) {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            server.bind(local, Math.max(1, backlog));
            server.configureBlocking(!d.nonBlocking);
            d.channel = server;
        } catch (IOException e) {
            throw translate("listen", e);
        }
    }

    @Override
    public synchronized int accept(int fd) throws ErrnoException {
        Descriptor d = descriptor("accept", fd);
        if (!(d.channel instanceof ServerSocketChannel server)) {
            throw new ErrnoException("accept", Errno.EINVAL);
        }
        try {
            SocketChannel accepted = server.accept();
            if (accepted == null) {
                throw new ErrnoException("accept", Errno.EAGAIN); // non-blocking, nothing queued
            }
            int newFd = nextFd++;
            table.put(newFd, new Descriptor(d.family, SocketType.SOCK_STREAM, accepted));
            return newFd;
        } catch (IOException e) {
            throw e instanceof ErrnoException ee ? ee : translate("accept", e);
        }
    }

    @Override
    public synchronized void connect(int fd, SockAddr addr) throws ErrnoException {
        Descriptor d = descriptor("connect", fd);
        try {
            switch (d.channel) {
                case SocketChannel sc -> {
                    if (addr instanceof SockAddr.Unspec) {
                        throw new UnsupportedCapabilityException("nio", Capability.STREAM_AF_UNSPEC, "java.nio cannot connect a SocketChannel to AF_UNSPEC:"
                                + " a TCP connection cannot be dissolved and the channel reused");
                    }
                    if (!sc.connect(toJava(addr))) {
                        throw new ErrnoException("connect", Errno.EINPROGRESS); // Java returns false for it
                    }
                }
                case DatagramChannel dc -> {
                    if (addr instanceof SockAddr.Unspec) {
                        if (dc.isConnected()) {
                            dc.disconnect(); // connect(fd, AF_UNSPEC) underneath, then a rebind of the port
                        }
                    } else {
                        dc.connect(toJava(addr));
                    }
                }
                case ServerSocketChannel ignored -> throw new ErrnoException("connect", Errno.EISCONN); // as Linux: a listener
                default -> throw new IllegalStateException("unknown channel " + d.channel);
            }
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("connect", e);
        }
    }

    private static ErrnoException translateOrRethrow(String call, Exception e) {
        if (e instanceof ErrnoException ee) {
            return ee;
        }
        if (e instanceof UnsupportedOperationException u) {
            throw u;
        }
        if (e instanceof RuntimeException r && JavaErrors.errnoOf(r).isEmpty()) {
            throw r;
        }
        return translate(call, e);
    }

    /** Java always passes the right length for a typed address: there is no way to pass another. */
    @Override
    public void connect(int fd, SockAddr addr, int addrlen) {
        throw new UnsupportedCapabilityException("nio", Capability.EXPLICIT_ADDRLEN, "java.nio has no address length: a SocketAddress is always"
                + " passed with the right one");
    }

    @Override
    public synchronized SockAddr getsockname(int fd) throws ErrnoException {
        Descriptor d = descriptor("getsockname", fd);
        try {
            SocketAddress local = switch (d.channel) {
                case SocketChannel sc -> sc.getLocalAddress();
                case ServerSocketChannel ssc -> ssc.getLocalAddress();
                case DatagramChannel dc -> dc.getLocalAddress();
                default -> throw new IllegalStateException("unknown channel " + d.channel);
            };
            return local == null ? unbound(d.family) : fromJava(local);
        } catch (IOException e) {
            throw translate("getsockname", e);
        }
    }

    @Override
    public synchronized SockAddr getpeername(int fd) throws ErrnoException {
        Descriptor d = descriptor("getpeername", fd);
        try {
            SocketAddress remote = switch (d.channel) {
                // While an attempt is pending Java already knows the address; the kernel says ENOTCONN.
                case SocketChannel sc -> sc.isConnectionPending() ? null : sc.getRemoteAddress();
                case DatagramChannel dc -> dc.getRemoteAddress();
                default -> null;
            };
            if (remote == null) {
                throw new ErrnoException("getpeername", Errno.ENOTCONN);
            }
            return fromJava(remote);
        } catch (IOException e) {
            throw e instanceof ErrnoException ee ? ee : translate("getpeername", e);
        }
    }

    /** SO_ERROR is {@code finishConnect()}'s verdict on a pending attempt: 0, or the errno of its exception. */
    @Override
    public synchronized int getsockopt(int fd, SocketOption option) throws ErrnoException {
        Descriptor d = descriptor("getsockopt", fd);
        try {
            return switch (option) {
                case SO_ERROR -> {
                    if (d.pendingError == null && d.channel instanceof SocketChannel sc && sc.isConnectionPending()) {
                        finishIfReady(d, sc);
                    }
                    Errno error = d.pendingError;
                    d.pendingError = null;
                    yield error == null ? 0 : error.number();
                }
                case SO_BROADCAST -> d.channel instanceof DatagramChannel dc
                        && dc.getOption(StandardSocketOptions.SO_BROADCAST) ? 1 : 0;
                case SO_REUSEADDR -> d.options.getOrDefault(option, 0);
                case SO_LINGER -> d.channel instanceof SocketChannel sc ? sc.getOption(StandardSocketOptions.SO_LINGER) : -1;
                case TCP_SYNCNT -> throw new UnsupportedCapabilityException("nio", Capability.TCP_SYNCNT, "Java has no TCP_SYNCNT option");
                case IPV6_V6ONLY -> throw new UnsupportedCapabilityException("nio", Capability.IPV6_V6ONLY, "java.nio sets IPV6_V6ONLY itself");
            };
        } catch (IOException e) {
            throw translate("getsockopt", e);
        }
    }

    @Override
    public synchronized void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        Descriptor d = descriptor("setsockopt", fd);
        try {
            switch (option) {
                case SO_BROADCAST -> {
                    if (d.channel instanceof DatagramChannel dc) {
                        dc.setOption(StandardSocketOptions.SO_BROADCAST, value != 0);
                    }
                }
                case SO_REUSEADDR -> {
                    d.options.put(option, value);
                    if (d.channel instanceof SocketChannel sc) {
                        sc.setOption(StandardSocketOptions.SO_REUSEADDR, value != 0);
                    } else if (d.channel instanceof DatagramChannel dc) {
                        dc.setOption(StandardSocketOptions.SO_REUSEADDR, value != 0);
                    }
                }
                case SO_LINGER -> {
                    if (d.channel instanceof SocketChannel sc) {
                        sc.setOption(StandardSocketOptions.SO_LINGER, value);
                    }
                }
                case SO_ERROR -> throw new ErrnoException("setsockopt", Errno.ENOPROTOOPT);
                case TCP_SYNCNT -> throw new UnsupportedCapabilityException("nio", Capability.TCP_SYNCNT, "Java cannot set TCP_SYNCNT: its"
                        + " connect timeout is Socket.connect(address, millis), a timer of its own");
                case IPV6_V6ONLY -> throw new UnsupportedCapabilityException("nio", Capability.IPV6_V6ONLY, "java.nio sets IPV6_V6ONLY itself");
            }
        } catch (IOException e) {
            throw e instanceof ErrnoException ee ? ee : translate("setsockopt", e);
        }
    }

    @Override
    public synchronized void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        Descriptor d = descriptor("fcntl", fd);
        try {
            d.channel.configureBlocking(!nonBlocking); // SelectableChannel.configureBlocking: O_NONBLOCK
            d.nonBlocking = nonBlocking;
        } catch (IOException e) {
            throw translate("fcntl", e);
        }
    }

    @Override
    public synchronized boolean isNonBlocking(int fd) throws ErrnoException {
        return !descriptor("fcntl", fd).channel.isBlocking();
    }

    /**
     * poll() as a one-shot {@link Selector}: OP_CONNECT for POLLOUT on a pending attempt (then finishConnect()
     * tells success from failure), OP_READ or OP_ACCEPT for POLLIN. Channels are switched to non-blocking for the
     * selection and back afterwards.
     */
    @Override
    public synchronized List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        List<Descriptor> ds = new ArrayList<>();
        for (PollFd p : fds) {
            ds.add(descriptor("poll", p.fd()));
        }
        List<Set<PollEvent>> revents = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            Map<SelectionKey, Integer> keys = new HashMap<>();
            boolean anyReady = false;
            for (int i = 0; i < fds.size(); i++) {
                Set<PollEvent> now = immediate(ds.get(i), fds.get(i).events());
                revents.add(now);
                anyReady |= !now.isEmpty();
                int ops = interest(ds.get(i), fds.get(i).events());
                if (ops != 0) {
                    ds.get(i).channel.configureBlocking(false);
                    keys.put(ds.get(i).channel.register(selector, ops), i);
                }
            }
            if (!keys.isEmpty()) {
                if (anyReady || timeoutMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(timeoutMillis < 0 ? 0 : timeoutMillis);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    int i = keys.get(key);
                    revents.get(i).addAll(ready(ds.get(i), key, fds.get(i).events()));
                }
            }
        } catch (IOException e) {
            throw translate("poll", e);
        } finally {
            for (Descriptor d : ds) {
                restoreBlocking(d);
            }
        }
        return revents;
    }

    private static void restoreBlocking(Descriptor d) {
        try {
            if (d.channel.isOpen() && d.channel.isBlocking() == d.nonBlocking) {
                d.channel.configureBlocking(!d.nonBlocking);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not restore the blocking mode of " + d.channel, e);
        }
    }

    /** What is known without selecting: a failed or unconnected stream, a writable connected socket. */
    private static Set<PollEvent> immediate(Descriptor d, Set<PollEvent> requested) {
        Set<PollEvent> r = EnumSet.noneOf(PollEvent.class);
        if (!d.channel.isOpen()) {
            // Java closed the channel when its connect failed: the kernel would show a finished, failed attempt.
            r.add(PollEvent.POLLHUP);
            if (requested.contains(PollEvent.POLLOUT)) {
                r.add(PollEvent.POLLOUT);
            }
            if (d.pendingError != null) {
                r.add(PollEvent.POLLERR);
            }
            return r;
        }
        if (d.channel instanceof SocketChannel sc && !sc.isConnectionPending()) {
            if (sc.isConnected() && requested.contains(PollEvent.POLLOUT)) {
                r.add(PollEvent.POLLOUT);
            } else if (!sc.isConnected()) {
                r.add(PollEvent.POLLHUP);
                if (requested.contains(PollEvent.POLLOUT)) {
                    r.add(PollEvent.POLLOUT);
                }
            }
        }
        if (d.channel instanceof DatagramChannel && requested.contains(PollEvent.POLLOUT)) {
            r.add(PollEvent.POLLOUT);
        }
        return r;
    }

    private static int interest(Descriptor d, Set<PollEvent> requested) {
        if (!d.channel.isOpen()) {
            return 0;
        }
        int ops = 0;
        if (d.channel instanceof SocketChannel sc) {
            if (sc.isConnectionPending() && requested.contains(PollEvent.POLLOUT)) {
                ops |= SelectionKey.OP_CONNECT;
            }
            if (sc.isConnected() && requested.contains(PollEvent.POLLIN)) {
                ops |= SelectionKey.OP_READ;
            }
        } else if (d.channel instanceof ServerSocketChannel && requested.contains(PollEvent.POLLIN)) {
            ops |= SelectionKey.OP_ACCEPT;
        } else if (d.channel instanceof DatagramChannel && requested.contains(PollEvent.POLLIN)) {
            ops |= SelectionKey.OP_READ;
        }
        return ops;
    }

    private static Set<PollEvent> ready(Descriptor d, SelectionKey key, Set<PollEvent> requested) {
        Set<PollEvent> r = EnumSet.noneOf(PollEvent.class);
        int readyOps = key.readyOps(); // read first: a failed finishConnect() closes the channel and cancels the key
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && requested.contains(PollEvent.POLLIN)) {
            r.add(PollEvent.POLLIN);
        }
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            // OP_CONNECT is ready on failure as well as success: finishConnect() says which.
            finishIfReady(d, (SocketChannel) d.channel);
            r.add(PollEvent.POLLOUT);
            if (d.pendingError != null) {
                r.add(PollEvent.POLLERR);
                r.add(PollEvent.POLLHUP);
            }
        }
        return r;
    }

    /** Completes a pending attempt if it has finished; a failure closes the channel (Java does) and is kept. */
    private static void finishIfReady(Descriptor d, SocketChannel sc) {
        try {
            if (sc.isBlocking() && !sc.isRegistered()) {
                sc.configureBlocking(false); // finishConnect() must only look, never wait
            }
            sc.finishConnect();
            if (sc.isOpen()) {
                sc.configureBlocking(!d.nonBlocking);
            }
        } catch (IOException e) {
            d.pendingError = JavaErrors.errnoOf(e).orElseThrow(() -> new IllegalStateException(
                    "finishConnect() threw " + e + ", which the errno-to-Java table does not translate", e));
        }
    }

    @Override
    public synchronized int send(int fd, byte[] data) throws ErrnoException {
        Descriptor d = descriptor("send", fd);
        try {
            int n = switch (d.channel) {
                case SocketChannel sc -> sc.write(ByteBuffer.wrap(data));
                case DatagramChannel dc -> dc.write(ByteBuffer.wrap(data));
                default -> throw new ErrnoException("send", Errno.ENOTCONN);
            };
            if (n == 0 && data.length > 0) {
                throw new ErrnoException("send", Errno.EAGAIN);
            }
            return n;
        } catch (NotYetConnectedException e) {
            // A datagram channel with no peer: C's send() says EDESTADDRREQ.
            throw new ErrnoException("send", d.channel instanceof DatagramChannel ? Errno.EDESTADDRREQ : Errno.ENOTCONN);
        } catch (IOException e) {
            throw e instanceof ErrnoException ee ? ee : translate("send", e);
        }
    }

    @Override
    public synchronized int recv(int fd, byte[] buffer) throws ErrnoException {
        Descriptor d = descriptor("recv", fd);
        try {
            ByteBuffer b = ByteBuffer.wrap(buffer);
            int n = switch (d.channel) {
                case SocketChannel sc -> sc.read(b);
                case DatagramChannel dc -> dc.read(b);
                default -> throw new ErrnoException("recv", Errno.ENOTCONN);
            };
            if (n == -1) {
                return 0; // end of stream
            }
            if (n == 0 && d.nonBlocking && buffer.length > 0) {
                throw new ErrnoException("recv", Errno.EAGAIN);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("recv", e);
        }
    }

    @Override
    public synchronized int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        Descriptor d = descriptor("sendto", fd);
        if (!(d.channel instanceof DatagramChannel dc)) {
            return send(fd, data);
        }
        try {
            return dc.send(ByteBuffer.wrap(data), toJava(to));
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("sendto", e);
        }
    }

    @Override
    public synchronized Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        Descriptor d = descriptor("recvfrom", fd);
        if (!(d.channel instanceof DatagramChannel dc)) {
            byte[] buffer = new byte[maxLength];
            int n = recv(fd, buffer);
            return new Datagram(java.util.Arrays.copyOf(buffer, n), getpeername(fd));
        }
        try {
            ByteBuffer b = ByteBuffer.allocate(maxLength);
            SocketAddress from = dc.receive(b);
            if (from == null) {
                throw new ErrnoException("recvfrom", Errno.EAGAIN);
            }
            b.flip();
            byte[] data = new byte[b.remaining()];
            b.get(data);
            return new Datagram(data, fromJava(from));
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("recvfrom", e);
        }
    }

    @Override
    public synchronized void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        Descriptor d = descriptor("shutdown", fd);
        if (!(d.channel instanceof SocketChannel sc)) {
            throw new ErrnoException("shutdown", Errno.ENOTCONN);
        }
        try {
            if (how != ShutdownHow.SHUT_WR) {
                sc.shutdownInput();
            }
            if (how != ShutdownHow.SHUT_RD) {
                sc.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            throw translateOrRethrow("shutdown", e);
        }
    }

    @Override
    public synchronized void close(int fd) throws ErrnoException {
        Descriptor d = table.remove(fd);
        if (d == null) {
            throw new ErrnoException("close", Errno.EBADF);
        }
        try {
            d.channel.close();
        } catch (IOException e) {
            throw translate("close", e);
        }
    }

    @Override
    public synchronized List<Integer> openDescriptors() {
        return List.copyOf(table.keySet());
    }

    /**
     * Java has no way to deliver a signal to a thread blocked in connect(): {@code Thread.interrupt()} wakes it
     * with the JDK's own signal, then closes the channel (ClosedByInterruptException), aborting the attempt.
     */
    @Override
    public void alarm(Duration delay) {
        throw new UnsupportedCapabilityException("nio", Capability.SIGNALS, "java.nio cannot interrupt a connect() and let it go on:"
                + " Thread.interrupt() closes the channel (ClosedByInterruptException)");
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public synchronized void close() {
        for (int fd : List.copyOf(table.keySet())) {
            try {
                close(fd);
            } catch (ErrnoException ignored) {
                // Closing everything is best effort: a channel Java already closed is closed either way.
            }
        }
    }

    // ---- addresses ----

    private static SocketAddress toJava(SockAddr addr) {
        return switch (addr) {
            case SockAddr.In in -> new InetSocketAddress(in.address(), in.port());
            case SockAddr.In6 in6 -> new InetSocketAddress(in6.address(), in6.port());
            case SockAddr.Un un -> UnixDomainSocketAddress.of(un.path());
            case SockAddr.Unspec ignored -> throw new IllegalArgumentException("AF_UNSPEC has no Java address");
        };
    }

    private static SockAddr fromJava(SocketAddress address) {
        return switch (address) {
            case InetSocketAddress isa when isa.getAddress() instanceof java.net.Inet4Address v4 ->
                    new SockAddr.In(v4, isa.getPort());
            case InetSocketAddress isa when isa.getAddress() instanceof java.net.Inet6Address v6 ->
                    new SockAddr.In6(v6, isa.getPort());
            case UnixDomainSocketAddress uds -> new SockAddr.Un(uds.getPath().toString());
            default -> throw new IllegalStateException("Java returned an address the kit cannot show: " + address);
        };
    }

    private static SockAddr unbound(AddressFamily family) {
        return switch (family) {
            case AF_INET -> SockAddr.inet("0.0.0.0", 0);
            case AF_INET6 -> SockAddr.inet6("::", 0);
            default -> SockAddr.unix("");
        };
    }
}
