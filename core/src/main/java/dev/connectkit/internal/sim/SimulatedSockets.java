package dev.connectkit.internal.sim;

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
import dev.connectkit.sim.TraceEvent;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.connectkit.posix.Errno.EADDRINUSE;
import static dev.connectkit.posix.Errno.EADDRNOTAVAIL;
import static dev.connectkit.posix.Errno.EAFNOSUPPORT;
import static dev.connectkit.posix.Errno.EAGAIN;
import static dev.connectkit.posix.Errno.EALREADY;
import static dev.connectkit.posix.Errno.EBADF;
import static dev.connectkit.posix.Errno.ECONNABORTED;
import static dev.connectkit.posix.Errno.ECONNREFUSED;
import static dev.connectkit.posix.Errno.EDESTADDRREQ;
import static dev.connectkit.posix.Errno.EINPROGRESS;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.EISCONN;
import static dev.connectkit.posix.Errno.ENETUNREACH;
import static dev.connectkit.posix.Errno.ENOENT;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.Errno.EOPNOTSUPP;
import static dev.connectkit.posix.Errno.EPIPE;
import static dev.connectkit.posix.Errno.EPROTOTYPE;

/**
 * One process on a simulated host: its descriptor table and the system calls, with the checks Linux makes, in
 * the order it makes them. Every call is written to the network's trace on entry and on return.
 */
public final class SimulatedSockets implements Backend {
    /** The largest address the kernel accepts ({@code sizeof(struct sockaddr_storage)}). */
    private static final int SOCKADDR_STORAGE_SIZE = 128;
    private static final int SOCKADDR_IN_SIZE = 16;
    /** Linux accepts an IPv6 address without sin6_scope_id (SIN6_LEN_RFC2133). */
    private static final int SOCKADDR_IN6_MIN_SIZE = 24;
    private static final int SA_FAMILY_SIZE = 2;
    private static final int MAX_TCP_SYNCNT = 127;

    private final Network network;
    private final Host host;
    private final Map<Integer, SimSocket> table = new TreeMap<>();
    private int nextFd = 3;
    boolean blocked;
    boolean signalPending;
    int alarmGeneration;

    SimulatedSockets(Network network, Host host) {
        this.network = network;
        this.host = host;
    }

    Host host() {
        return host;
    }

    Map<Integer, SimSocket> table() {
        return table;
    }

    @Override
    public String backend() {
        return "sim";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.FILE_DESCRIPTORS)); // no files in the simulation
    }

    // ---- the tracing frame every call runs in ----

    @FunctionalInterface
    private interface Body<T> {
        T run() throws ErrnoException;
    }

    private <T> T syscall(String text, Body<T> body) throws ErrnoException {
        synchronized (network) {
            network.runDue();
            network.record(host, TraceEvent.Kind.CALL, text);
            try {
                T result = body.run();
                network.record(host, TraceEvent.Kind.RETURN, text + " = " + (result == null ? "0" : result));
                return result;
            } catch (ErrnoException e) {
                network.record(host, TraceEvent.Kind.RETURN, text + " = -1 " + e.errno().describe());
                throw e;
            }
        }
    }

    private static ErrnoException fail(String call, Errno errno) {
        return new ErrnoException(call, errno);
    }

    private SimSocket socketOf(String call, int fd) throws ErrnoException {
        SimSocket s = table.get(fd);
        if (s == null) {
            throw fail(call, EBADF);
        }
        return s;
    }

    // ---- socket, bind, listen, accept ----

    @Override
    public int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        return syscall("socket(" + domain + ", " + type + ", 0)", () -> {
            if (domain == AddressFamily.AF_UNSPEC) {
                throw fail("socket", EAFNOSUPPORT);
            }
            int fd = nextFd++;
            table.put(fd, new SimSocket(network.newSocketId(), this, domain, type));
            return fd;
        });
    }

    @Override
    public void bind(int fd, SockAddr addr) throws ErrnoException {
        syscall("bind(" + fd + ", " + addr + ")", () -> {
            SimSocket s = socketOf("bind", fd);
            if (s.local != null) {
                throw fail("bind", EINVAL);
            }
            if (s.family == AddressFamily.AF_UNIX) {
                if (!(addr instanceof SockAddr.Un un) || un.unnamed()) {
                    throw fail("bind", EINVAL);
                }
                if (host.unixPaths.containsKey(un.path())) {
                    throw fail("bind", EADDRINUSE); // the socket file exists, even if its socket is closed
                }
                host.unixPaths.put(un.path(), s);
                s.local = un;
                return null;
            }
            if (addr.family() != s.family) {
                throw fail("bind", EAFNOSUPPORT);
            }
            InetAddress ip = Host.ip(addr);
            if (!ip.isAnyLocalAddress() && !host.owns(ip)) {
                throw fail("bind", EADDRNOTAVAIL);
            }
            int port = Host.port(addr);
            if (port == 0) {
                port = network.allocatePort(host, s.stream());
                if (port < 0) {
                    throw fail("bind", EADDRINUSE);
                }
            } else if (conflicts(s, ip, port)) {
                throw fail("bind", EADDRINUSE);
            }
            s.local = withPort(ip, port);
            s.portLocked = Host.port(addr) != 0;
            s.addressLocked = !ip.isAnyLocalAddress();
            host.bound(s.stream()).add(s);
            return null;
        });
    }

    private boolean conflicts(SimSocket s, InetAddress ip, int port) {
        for (SimSocket other : host.bound(s.stream())) {
            if (other.local == null || Host.port(other.local) != port) {
                continue;
            }
            InetAddress bound = Host.ip(other.local);
            boolean overlap = bound.equals(ip) || bound.isAnyLocalAddress() || ip.isAnyLocalAddress();
            boolean bothReuse = s.option(SocketOption.SO_REUSEADDR, 0) != 0
                    && other.option(SocketOption.SO_REUSEADDR, 0) != 0 && other.tcp != TcpState.LISTEN;
            if (overlap && !bothReuse) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        syscall("listen(" + fd + ", " + backlog + ")", () -> {
            SimSocket s = socketOf("listen", fd);
            if (!s.stream()) {
                throw fail("listen", EOPNOTSUPP);
            }
            if (s.connect != ConnectState.UNCONNECTED || s.tcp == TcpState.ESTABLISHED) {
                throw fail("listen", EINVAL);
            }
            if (s.local == null) {
                if (s.family == AddressFamily.AF_UNIX) {
                    throw fail("listen", EINVAL);
                }
                autobind("listen", s, anyAddress(s.family));
            }
            s.backlog = Math.clamp(backlog, 0, 4096);
            network.setState(s, TcpState.LISTEN);
            return null;
        });
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        return syscall("accept(" + fd + ")", () -> {
            SimSocket s = socketOf("accept", fd);
            if (s.tcp != TcpState.LISTEN) {
                throw fail("accept", EINVAL);
            }
            if (s.acceptQueue.isEmpty()) {
                if (s.nonBlocking) {
                    throw fail("accept", EAGAIN);
                }
                if (network.waitUntil(this, () -> !s.acceptQueue.isEmpty(), Network.FOREVER, "accept()")
                        == Network.WaitResult.INTERRUPTED) {
                    throw fail("accept", EINTR);
                }
            }
            SimSocket child = s.acceptQueue.poll();
            int newFd = nextFd++;
            table.put(newFd, child);
            return newFd;
        });
    }

    // ---- connect ----

    @Override
    public void connect(int fd, SockAddr addr) throws ErrnoException {
        connect(fd, addr, naturalLength(addr));
    }

    @Override
    public void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException {
        syscall("connect(" + fd + ", " + addr + (addrlen == naturalLength(addr) ? "" : ", " + addrlen) + ")", () -> {
            SimSocket s = socketOf("connect", fd);
            if (addrlen < 0 || addrlen > SOCKADDR_STORAGE_SIZE) {
                throw fail("connect", EINVAL); // the syscall layer refuses it before any protocol looks
            }
            if (s.family == AddressFamily.AF_UNIX) {
                unixConnect(s, addr, addrlen);
            } else if (addrlen < SA_FAMILY_SIZE) {
                throw fail("connect", EINVAL);
            } else if (addr instanceof SockAddr.Unspec) {
                resetPeer(s);
            } else {
                int needed = s.family == AddressFamily.AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_MIN_SIZE;
                if (addrlen < needed) {
                    throw fail("connect", EINVAL);
                }
                if (addr.family() != s.family) {
                    throw fail("connect", EAFNOSUPPORT);
                }
                SockAddr target = localIfAny(addr);
                if (s.stream()) {
                    tcpConnect(s, target);
                } else {
                    udpConnect(s, target);
                }
            }
            return null;
        });
    }

    /**
     * TCP's connect(), as Linux's {@code __inet_stream_connect()} does it: the socket layer's state decides
     * between EISCONN, EALREADY and a new attempt; then a non-blocking call returns, a blocking one waits.
     */
    private void tcpConnect(SimSocket s, SockAddr target) throws ErrnoException {
        Errno pending;
        switch (s.connect) {
            case CONNECTED -> throw fail("connect", EISCONN);
            case CONNECTING -> pending = EALREADY; // S-12: the address is not even looked at
            case UNCONNECTED -> {
                if (s.tcp != TcpState.CLOSED) {
                    throw fail("connect", EISCONN); // a listening socket: Linux says EISCONN
                }
                InetAddress ip = Host.ip(target);
                Errno route = network.routeError(host, ip);
                if (route != null) {
                    throw fail("connect", route);
                }
                if (network.isBroadcast(ip)) {
                    throw fail("connect", ENETUNREACH); // no unicast route to a broadcast address
                }
                bindForRoute("connect", s, ip); // S-01: the implicit bind
                network.startConnect(s, target); // S-07: attempt the connection
                s.connect = ConnectState.CONNECTING;
                pending = EINPROGRESS;
            }
            default -> throw new IllegalStateException("unknown connect state " + s.connect);
        }
        if (s.tcp == TcpState.SYN_SENT) {
            if (s.nonBlocking) {
                throw fail("connect", pending); // S-11 (EINPROGRESS) or S-12 (EALREADY)
            }
            // S-08: block until the attempt ends; S-10: a signal ends the wait, not the attempt.
            if (network.waitUntil(this, () -> s.tcp != TcpState.SYN_SENT, Network.FOREVER, "connect()")
                    == Network.WaitResult.INTERRUPTED) {
                throw fail("connect", EINTR);
            }
        }
        if (s.tcp == TcpState.CLOSED) {
            // The attempt failed (S-09: ETIMEDOUT aborts it). Report the error once; if SO_ERROR already
            // consumed it, Linux reports ECONNABORTED. Either way the socket may try again.
            int error = s.soError;
            s.soError = 0;
            s.connect = ConnectState.UNCONNECTED;
            releaseImplicitPort(s);
            throw fail("connect", error == 0 ? ECONNABORTED : Errno.forNumber(error).orElseThrow());
        }
        s.connect = ConnectState.CONNECTED; // the first call after an asynchronous completion returns 0 once
    }

    /** A datagram connect(): it checks the route, binds if needed, records the peer, and sends nothing (S-03). */
    private void udpConnect(SimSocket s, SockAddr target) throws ErrnoException {
        InetAddress ip = Host.ip(target);
        Errno route = network.routeError(host, ip);
        if (route != null) {
            throw fail("connect", route);
        }
        if (network.isBroadcast(ip) && s.option(SocketOption.SO_BROADCAST, 0) == 0) {
            throw fail("connect", Errno.EACCES); // S-14: addressing a broadcast needs SO_BROADCAST
        }
        bindForRoute("connect", s, ip); // S-01
        s.peer = Host.port(target) == 0 ? null : target; // Linux: a peer with port 0 is no peer
        s.connect = s.peer == null ? ConnectState.UNCONNECTED : ConnectState.CONNECTED;
        network.record(host, TraceEvent.Kind.STATE, s.label() + " peer " + target + " (no packet is sent)");
    }

    /** connect() to the null address (S-06): the peer is reset; Linux also undoes an implicit bind. */
    private void resetPeer(SimSocket s) {
        if (s.stream()) {
            if (s.tcp == TcpState.ESTABLISHED) {
                network.finish(s, true);
                network.setState(s, TcpState.CLOSED);
            } else if (s.tcp == TcpState.SYN_SENT) {
                s.attempt++;
                network.setState(s, TcpState.CLOSED);
            }
            s.connect = ConnectState.UNCONNECTED;
            s.peer = null;
            return;
        }
        s.peer = null;
        s.connect = ConnectState.UNCONNECTED;
        if (s.local != null && !s.portLocked) {
            host.bound(false).remove(s);
            s.local = null;
        } else if (s.local != null && !s.addressLocked) {
            s.local = withPort(anyAddress(s.family), Host.port(s.local));
        }
        network.record(host, TraceEvent.Kind.STATE, s.label() + " peer reset (AF_UNSPEC)");
    }

    private void unixConnect(SimSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (addr instanceof SockAddr.Unspec && !s.stream()) {
            s.peer = null;
            return;
        }
        if (!(addr instanceof SockAddr.Un un) || addrlen <= SA_FAMILY_SIZE || un.unnamed()) {
            throw fail("connect", EINVAL);
        }
        if (s.tcp == TcpState.ESTABLISHED) {
            throw fail("connect", EISCONN);
        }
        if (s.tcp == TcpState.LISTEN) {
            throw fail("connect", EINVAL);
        }
        if (!host.unixPaths.containsKey(un.path())) {
            throw fail("connect", ENOENT);
        }
        SimSocket target = host.unixPaths.get(un.path());
        if (target == null || target.closed) {
            throw fail("connect", ECONNREFUSED);
        }
        if (target.type != s.type) {
            throw fail("connect", EPROTOTYPE);
        }
        if (!s.stream()) {
            s.peer = un; // S-02: no implicit bind; the datagram socket stays unnamed
            return;
        }
        if (target.tcp != TcpState.LISTEN) {
            throw fail("connect", ECONNREFUSED);
        }
        // An AF_UNIX stream connect has no pending state: it completes now, or waits for room in the queue.
        if (target.acceptQueue.size() > target.backlog) {
            if (s.nonBlocking) {
                throw fail("connect", EAGAIN);
            }
            if (network.waitUntil(this, () -> target.closed || target.acceptQueue.size() <= target.backlog,
                    Network.FOREVER, "connect()") == Network.WaitResult.INTERRUPTED) {
                throw fail("connect", EINTR);
            }
        }
        SimSocket child = new SimSocket(network.newSocketId(), target.owner, target.family, target.type);
        child.local = un;
        child.peer = SockAddr.unix(""); // S-02: the client has no name, and the server sees none
        child.remote = s;
        child.connect = ConnectState.CONNECTED;
        network.setState(child, TcpState.ESTABLISHED);
        target.acceptQueue.add(child);
        s.peer = un;
        s.remote = child;
        s.connect = ConnectState.CONNECTED;
        network.setState(s, TcpState.ESTABLISHED);
    }

    /** Binds {@code s} for a route to {@code destination} if it is not bound yet (S-01), or fills in its address. */
    private void bindForRoute(String call, SimSocket s, InetAddress destination) throws ErrnoException {
        InetAddress source = network.sourceFor(host, destination);
        if (source == null) {
            throw fail(call, ENETUNREACH);
        }
        if (s.local == null || !host.bound(s.stream()).contains(s)) {
            autobind(call, s, source);
        } else if (Host.ip(s.local).isAnyLocalAddress()) {
            s.local = withPort(source, Host.port(s.local));
        }
    }

    private void autobind(String call, SimSocket s, InetAddress address) throws ErrnoException {
        int port = network.allocatePort(host, s.stream());
        if (port < 0) {
            throw fail(call, EADDRNOTAVAIL); // every port of the ephemeral range is taken
        }
        s.local = withPort(address, port);
        s.portLocked = false;
        s.addressLocked = false;
        host.bound(s.stream()).add(s);
    }

    /** After a failed attempt Linux releases an implicitly bound port; getsockname() keeps showing it, unbound. */
    private void releaseImplicitPort(SimSocket s) {
        if (s.local != null && !s.portLocked) {
            host.bound(true).remove(s);
            s.local = withPort(anyAddress(s.family), Host.port(s.local));
        }
    }

    // ---- names and options ----

    @Override
    public SockAddr getsockname(int fd) throws ErrnoException {
        return syscall("getsockname(" + fd + ")", () -> {
            SimSocket s = socketOf("getsockname", fd);
            if (s.local != null) {
                return s.local;
            }
            return s.family == AddressFamily.AF_UNIX ? SockAddr.unix("") : withPort(anyAddress(s.family), 0);
        });
    }

    @Override
    public SockAddr getpeername(int fd) throws ErrnoException {
        return syscall("getpeername(" + fd + ")", () -> {
            SimSocket s = socketOf("getpeername", fd);
            boolean connected = s.stream() ? s.tcp == TcpState.ESTABLISHED && s.peer != null : s.peer != null;
            if (!connected) {
                throw fail("getpeername", ENOTCONN);
            }
            return s.peer;
        });
    }

    @Override
    public int getsockopt(int fd, SocketOption option) throws ErrnoException {
        return syscall("getsockopt(" + fd + ", " + option + ")", () -> {
            SimSocket s = socketOf("getsockopt", fd);
            return switch (option) {
                case SO_ERROR -> {
                    int error = s.soError; // reading SO_ERROR clears it
                    s.soError = 0;
                    yield error;
                }
                case TCP_SYNCNT -> s.option(option, Network.DEFAULT_SYN_RETRIES);
                case SO_LINGER -> s.option(option, -1);
                default -> s.option(option, 0);
            };
        });
    }

    @Override
    public void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        syscall("setsockopt(" + fd + ", " + option + ", " + value + ")", () -> {
            SimSocket s = socketOf("setsockopt", fd);
            if (option == SocketOption.SO_ERROR) {
                throw fail("setsockopt", Errno.ENOPROTOOPT);
            }
            if (option == SocketOption.TCP_SYNCNT) {
                if (!s.stream() || s.family == AddressFamily.AF_UNIX) {
                    throw fail("setsockopt", Errno.EOPNOTSUPP);
                }
                if (value < 1 || value > MAX_TCP_SYNCNT) {
                    throw fail("setsockopt", EINVAL);
                }
            }
            s.options.put(option, value);
            return null;
        });
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        syscall("fcntl(" + fd + ", F_SETFL, " + (nonBlocking ? "O_NONBLOCK" : "0") + ")", () -> {
            socketOf("fcntl", fd).nonBlocking = nonBlocking;
            return null;
        });
    }

    @Override
    public boolean isNonBlocking(int fd) throws ErrnoException {
        return syscall("fcntl(" + fd + ", F_GETFL)", () -> socketOf("fcntl", fd).nonBlocking);
    }

    // ---- poll ----

    @Override
    public List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        return syscall("poll(" + fds.stream().map(p -> p.fd() + ":" + p.events()).toList() + ", " + timeoutMillis
                + ")", () -> {
            List<SimSocket> sockets = new ArrayList<>();
            for (PollFd p : fds) {
                sockets.add(socketOf("poll", p.fd()));
            }
            if (timeoutMillis != 0 && !anyReady(fds, sockets)) {
                if (network.waitUntil(this, () -> anyReady(fds, sockets), network.deadlineAfter(timeoutMillis),
                        "poll()") == Network.WaitResult.INTERRUPTED) {
                    throw fail("poll", EINTR);
                }
            }
            List<Set<PollEvent>> revents = new ArrayList<>();
            for (int i = 0; i < fds.size(); i++) {
                revents.add(revents(sockets.get(i), fds.get(i).events()));
            }
            return revents;
        });
    }

    private static boolean anyReady(List<PollFd> fds, List<SimSocket> sockets) {
        for (int i = 0; i < fds.size(); i++) {
            if (!revents(sockets.get(i), fds.get(i).events()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** What poll() reports, as Linux's tcp_poll/datagram_poll compute it; POLLERR and POLLHUP are always reported. */
    static Set<PollEvent> revents(SimSocket s, Set<PollEvent> requested) {
        Set<PollEvent> ready = EnumSet.noneOf(PollEvent.class);
        if (s.stream()) {
            switch (s.tcp) {
                case LISTEN -> {
                    if (!s.acceptQueue.isEmpty()) {
                        ready.add(PollEvent.POLLIN);
                    }
                }
                case SYN_SENT -> {
                    // nothing yet: the attempt is pending
                }
                case ESTABLISHED -> {
                    ready.add(PollEvent.POLLOUT); // S-13: a completed connection is writable
                    if (s.inbound.size() > 0 || s.peerFinished) {
                        ready.add(PollEvent.POLLIN);
                    }
                }
                case CLOSED -> {
                    ready.add(PollEvent.POLLOUT);
                    ready.add(PollEvent.POLLHUP);
                    if (s.soError != 0 || s.attempt > 0 || s.resetByPeer) {
                        ready.add(PollEvent.POLLIN); // a finished attempt is shut down for reading too
                    }
                }
                default -> throw new IllegalStateException("unknown TCP state " + s.tcp);
            }
        } else {
            ready.add(PollEvent.POLLOUT);
            if (!s.datagrams.isEmpty()) {
                ready.add(PollEvent.POLLIN);
            }
        }
        if (s.soError != 0) {
            ready.add(PollEvent.POLLERR);
        }
        ready.removeIf(e -> !requested.contains(e) && e != PollEvent.POLLERR && e != PollEvent.POLLHUP);
        return ready;
    }

    // ---- data ----

    @Override
    public int send(int fd, byte[] data) throws ErrnoException {
        return syscall("send(" + fd + ", " + data.length + " bytes)", () -> {
            SimSocket s = socketOf("send", fd);
            if (!s.stream()) {
                if (s.local == null || !host.bound(false).contains(s)) {
                    // Linux binds an unbound socket before it even looks for a destination (inet_send_prepare).
                    autobind("send", s, anyAddress(s.family));
                }
                if (s.soError != 0) {
                    throw takeError("send", s);
                }
                if (s.peer == null) {
                    throw fail("send", EDESTADDRREQ);
                }
                network.sendDatagram(s, s.peer, data);
                return data.length;
            }
            awaitConnected("send", s);
            network.sendStream(s, data);
            return data.length;
        });
    }

    /** Waits while a stream is still connecting; fails as Linux's sk_stream_wait_connect() does otherwise. */
    private void awaitConnected(String call, SimSocket s) throws ErrnoException {
        if (s.tcp == TcpState.SYN_SENT) {
            if (s.nonBlocking) {
                throw fail(call, EAGAIN);
            }
            if (network.waitUntil(this, () -> s.tcp != TcpState.SYN_SENT, Network.FOREVER, call + "()")
                    == Network.WaitResult.INTERRUPTED) {
                throw fail(call, EINTR);
            }
        }
        if (s.soError != 0) {
            throw takeError(call, s);
        }
        if (s.tcp != TcpState.ESTABLISHED || s.remote == null) {
            throw fail(call, EPIPE);
        }
    }

    private static ErrnoException takeError(String call, SimSocket s) {
        Errno errno = Errno.forNumber(s.soError).orElseThrow();
        s.soError = 0;
        return fail(call, errno);
    }

    @Override
    public int recv(int fd, byte[] buffer) throws ErrnoException {
        return syscall("recv(" + fd + ", " + buffer.length + ")", () -> {
            SimSocket s = socketOf("recv", fd);
            if (!s.stream()) {
                Datagram d = nextDatagram("recv", s);
                int n = Math.min(buffer.length, d.data().length);
                System.arraycopy(d.data(), 0, buffer, 0, n);
                return n;
            }
            return readStream("recv", s, buffer);
        });
    }

    private int readStream(String call, SimSocket s, byte[] buffer) throws ErrnoException {
        if (s.tcp == TcpState.CLOSED && s.soError == 0 && !s.resetByPeer && s.inbound.size() == 0
                && !s.peerFinished) {
            throw fail(call, ENOTCONN);
        }
        if (s.inbound.size() == 0 && !s.peerFinished && s.soError == 0) {
            if (s.nonBlocking) {
                throw fail(call, EAGAIN);
            }
            if (network.waitUntil(this, () -> s.inbound.size() > 0 || s.peerFinished || s.soError != 0,
                    Network.FOREVER, call + "()") == Network.WaitResult.INTERRUPTED) {
                throw fail(call, EINTR);
            }
        }
        if (s.inbound.size() > 0) {
            byte[] all = s.inbound.toByteArray();
            int n = Math.min(buffer.length, all.length);
            System.arraycopy(all, 0, buffer, 0, n);
            s.inbound.reset();
            s.inbound.write(all, n, all.length - n);
            return n;
        }
        if (s.soError != 0) {
            throw takeError(call, s);
        }
        return 0; // end of stream: the peer sent FIN
    }

    private Datagram nextDatagram(String call, SimSocket s) throws ErrnoException {
        if (s.soError != 0) {
            throw takeError(call, s);
        }
        if (s.datagrams.isEmpty()) {
            if (s.nonBlocking) {
                throw fail(call, EAGAIN);
            }
            if (network.waitUntil(this, () -> !s.datagrams.isEmpty() || s.soError != 0, Network.FOREVER,
                    call + "()") == Network.WaitResult.INTERRUPTED) {
                throw fail(call, EINTR);
            }
            if (s.soError != 0) {
                throw takeError(call, s);
            }
        }
        return s.datagrams.poll();
    }

    @Override
    public int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        return syscall("sendto(" + fd + ", " + data.length + " bytes, " + to + ")", () -> {
            SimSocket s = socketOf("sendto", fd);
            if (s.stream()) {
                awaitConnected("sendto", s); // a connected stream ignores the address
                network.sendStream(s, data);
                return data.length;
            }
            if (to.family() != s.family) {
                throw fail("sendto", EAFNOSUPPORT);
            }
            InetAddress ip = Host.ip(to);
            Errno route = network.routeError(host, ip);
            if (route != null) {
                throw fail("sendto", route);
            }
            if (network.isBroadcast(ip) && s.option(SocketOption.SO_BROADCAST, 0) == 0) {
                throw fail("sendto", Errno.EACCES);
            }
            bindForRoute("sendto", s, ip);
            network.sendDatagram(s, to, data);
            return data.length;
        });
    }

    @Override
    public Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        return syscall("recvfrom(" + fd + ", " + maxLength + ")", () -> {
            SimSocket s = socketOf("recvfrom", fd);
            if (s.stream()) {
                byte[] buffer = new byte[maxLength];
                int n = readStream("recvfrom", s, buffer);
                return new Datagram(java.util.Arrays.copyOf(buffer, n), s.peer);
            }
            Datagram d = nextDatagram("recvfrom", s);
            return d.data().length <= maxLength ? d
                    : new Datagram(java.util.Arrays.copyOf(d.data(), maxLength), d.from());
        });
    }

    @Override
    public void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        syscall("shutdown(" + fd + ", " + how + ")", () -> {
            SimSocket s = socketOf("shutdown", fd);
            if (!s.stream()) {
                if (s.peer == null) {
                    throw fail("shutdown", ENOTCONN);
                }
                return null;
            }
            switch (s.tcp) {
                case SYN_SENT -> {
                    // Shutting down a pending attempt aborts it: writable, POLLERR, SO_ERROR = ECONNRESET; like
                    // Linux's inet_shutdown(), it also disconnects the socket layer, so connect() starts afresh.
                    s.attempt++;
                    s.soError = Errno.ECONNRESET.number();
                    s.connect = ConnectState.UNCONNECTED;
                    network.setState(s, TcpState.CLOSED);
                }
                case ESTABLISHED -> {
                    if (how != ShutdownHow.SHUT_RD) {
                        network.finish(s, false);
                    }
                }
                default -> throw fail("shutdown", ENOTCONN);
            }
            return null;
        });
    }

    // ---- close ----

    @Override
    public void close(int fd) throws ErrnoException {
        syscall("close(" + fd + ")", () -> {
            SimSocket s = table.remove(fd);
            if (s == null) {
                throw fail("close", EBADF);
            }
            release(s);
            return null;
        });
    }

    private void release(SimSocket s) {
        s.closed = true;
        if (s.stream()) {
            switch (s.tcp) {
                case LISTEN -> {
                    for (SimSocket child : s.acceptQueue) {
                        network.finish(child, true); // queued connections are reset
                    }
                    s.acceptQueue.clear();
                    network.setState(s, TcpState.CLOSED);
                }
                case SYN_SENT -> {
                    s.attempt++; // abandon the attempt: its timers and answers are ignored
                    network.setState(s, TcpState.CLOSED);
                }
                case ESTABLISHED -> {
                    network.finish(s, s.option(SocketOption.SO_LINGER, -1) == 0);
                    network.setState(s, TcpState.CLOSED);
                }
                default -> {
                    // nothing on the wire
                }
            }
        }
        if (s.family == AddressFamily.AF_UNIX) {
            if (s.local instanceof SockAddr.Un un && !un.unnamed() && host.unixPaths.get(un.path()) == s) {
                host.unixPaths.put(un.path(), null); // the file stays; connecting to it is refused
            }
        } else {
            host.bound(s.stream()).remove(s);
        }
    }

    @Override
    public List<Integer> openDescriptors() {
        synchronized (network) {
            return List.copyOf(table.keySet());
        }
    }

    @Override
    public void alarm(Duration delay) {
        synchronized (network) {
            alarmGeneration++;
            if (!delay.isZero()) {
                network.alarm(this, delay, alarmGeneration);
            }
        }
    }

    @Override
    public InstantSource clock() {
        return network.clock();
    }

    @Override
    public void close() {
        synchronized (network) {
            for (int fd : List.copyOf(table.keySet())) {
                try {
                    close(fd);
                } catch (ErrnoException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }

    // ---- addresses ----

    private static int naturalLength(SockAddr addr) {
        return switch (addr) {
            case SockAddr.In ignored -> SOCKADDR_IN_SIZE;
            case SockAddr.In6 ignored -> 28;
            case SockAddr.Un un -> un.unnamed() ? SA_FAMILY_SIZE : SA_FAMILY_SIZE + un.path().length() + 1;
            case SockAddr.Unspec ignored -> SOCKADDR_IN_SIZE;
        };
    }

    /** Linux connects a socket aimed at the wildcard address to the local host. */
    private static SockAddr localIfAny(SockAddr addr) {
        InetAddress ip = Host.ip(addr);
        if (!ip.isAnyLocalAddress()) {
            return addr;
        }
        return withPort(ip instanceof Inet6Address ? Network.ipv6Loopback() : Network.ipv4Loopback(), Host.port(addr));
    }

    private static InetAddress anyAddress(AddressFamily family) {
        return family == AddressFamily.AF_INET6 ? SockAddr.inet6("::", 0).address() : SockAddr.inet("0.0.0.0", 0).address();
    }

    static SockAddr withPort(InetAddress ip, int port) {
        return ip instanceof Inet4Address v4 ? new SockAddr.In(v4, port) : new SockAddr.In6((Inet6Address) ip, port);
    }
}
