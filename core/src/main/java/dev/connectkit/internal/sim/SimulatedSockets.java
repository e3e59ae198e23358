package dev.connectkit.internal.sim;

import dev.connectkit.internal.Backend;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.sim.TraceEvent;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static dev.connectkit.posix.Errno.EAFNOSUPPORT;
import static dev.connectkit.posix.Errno.EBADF;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.ENOPROTOOPT;
import static dev.connectkit.posix.Errno.EOPNOTSUPP;

/**
 * One process on a simulated host: its descriptor table, and the system calls, each handed to the protocol of
 * the socket it names ({@link Tcp}, {@link Udp}, {@link Unix}). Every call is written to the trace on entry and
 * on return, and runs as one step of the {@link Scheduler}.
 */
public final class SimulatedSockets implements Backend {
    /** net.core.somaxconn: listen() takes at most this backlog, whatever the family ({@code __sys_listen()}). */
    private static final int SOMAXCONN = 4096;

    private final Network net;
    private final Host host;
    private final Map<Integer, SimSocket> table = new HashMap<>();
    /** Descriptors closed and not yet reused: a new one is the lowest free number, as POSIX requires. */
    private final TreeSet<Integer> reusable = new TreeSet<>();
    private int nextFd = 3;

    SimulatedSockets(Network net, Host host) {
        this.net = net;
        this.host = host;
    }

    Host host() {
        return host;
    }

    @Override
    public String backend() {
        return "sim";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.FILE_DESCRIPTORS)); // no files in the simulation
    }

    // ---- the frame every call runs in ----

    @FunctionalInterface
    private interface Body<T> {
        T run(Call c) throws ErrnoException;
    }

    /** Runs a call as one step: traced on entry and on return, its failure as {@code -1 ERRNO}. */
    private <T> T syscall(String name, int fd, Supplier<String> text, Body<T> body) throws ErrnoException {
        return syscall(new Call(name, fd), text, body);
    }

    private <T> T syscall(Call call, Supplier<String> text, Body<T> body) throws ErrnoException {
        return net.scheduler.call(this, () -> {
            net.record(host, TraceEvent.Kind.CALL, text);
            try {
                T result = body.run(call);
                String shown = shown(result);
                net.record(host, TraceEvent.Kind.RETURN, () -> text.get() + " = " + shown);
                return result;
            } catch (ErrnoException e) {
                Errno errno = e.errno();
                net.record(host, TraceEvent.Kind.RETURN, () -> text.get() + " = -1 " + errno.describe());
                throw e;
            }
        });
    }

    /**
     * A result as the trace shows it; written now, because a returned list may change later. A long list is cut
     * short: a timeline line stays readable, and a poll() of 65,536 descriptors costs no more to trace than one.
     */
    private static String shown(Object result) {
        return switch (result) {
            case null -> "0";
            case List<?> list -> shortList(list);
            default -> result.toString();
        };
    }

    private static final int SHOWN_ENTRIES = 8;

    /** {@code [a, b, c]}, or its first entries and how many there are in all. */
    private static String shortList(List<?> list) {
        if (list.size() <= SHOWN_ENTRIES) {
            return list.toString();
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < SHOWN_ENTRIES; i++) {
            text.append(list.get(i)).append(", ");
        }
        return text.append("… ").append(list.size()).append(" entries]").toString();
    }

    private SimSocket socketOf(Call c) throws ErrnoException {
        SimSocket s = table.get(c.fd());
        if (s == null) {
            throw c.fail(EBADF);
        }
        return s;
    }

    private int install(SimSocket s) {
        Integer fd = reusable.pollFirst();
        int number = fd != null ? fd : nextFd++;
        table.put(number, s);
        return number;
    }

    // ---- socket, bind, listen, accept ----

    @Override
    public int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        return syscall("socket", -1, () -> "socket(" + domain + ", " + type + ", 0)", c -> {
            SimSocket s = switch (domain) {
                case AF_UNSPEC -> throw c.fail(EAFNOSUPPORT);
                case AF_INET, AF_INET6 -> switch (type) {
                    case SOCK_STREAM -> net.tcp.open(host, domain);
                    case SOCK_DGRAM -> net.udp.open(host, domain);
                };
                case AF_UNIX -> net.unix.open(host, type);
            };
            return install(s);
        });
    }

    @Override
    public void bind(int fd, SockAddr addr) throws ErrnoException {
        syscall(new Call("bind", fd, addr), () -> "bind(" + fd + ", " + addr + ")", c -> {
            int addrlen = Addresses.naturalLength(addr);
            switch (socketOf(c)) {
                case TcpSocket t -> net.tcp.bind(c, t, addr, addrlen);
                case UdpSocket u -> net.udp.bind(c, u, addr, addrlen);
                case UnixSocket x -> net.unix.bind(c, x, addr, addrlen);
            }
            return null;
        });
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        syscall("listen", fd, () -> "listen(" + fd + ", " + backlog + ")", c -> {
            // compared as unsigned: a negative backlog is huge, so it becomes somaxconn
            int clamped = Integer.compareUnsigned(backlog, SOMAXCONN) > 0 ? SOMAXCONN : backlog;
            switch (socketOf(c)) {
                case TcpSocket t -> net.tcp.listen(c, t, clamped);
                case UdpSocket ignored -> throw c.fail(EOPNOTSUPP);
                case UnixSocket x -> net.unix.listen(c, x, clamped);
            }
            return null;
        });
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        return syscall("accept", fd, () -> "accept(" + fd + ")", c -> {
            SimSocket accepted = switch (socketOf(c)) {
                case TcpSocket t -> net.tcp.accept(c, t);
                case UdpSocket ignored -> throw c.fail(EOPNOTSUPP);
                case UnixSocket x -> net.unix.accept(c, x);
            };
            return install(accepted);
        });
    }

    // ---- connect ----

    @Override
    public void connect(int fd, SockAddr addr) throws ErrnoException {
        connect(fd, addr, Addresses.naturalLength(addr));
    }

    @Override
    public void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException {
        boolean natural = addrlen == Addresses.naturalLength(addr);
        Supplier<String> text = () -> "connect(" + fd + ", " + addr + (natural ? "" : ", " + addrlen) + ")";
        syscall(new Call("connect", fd, addr), text, c -> {
            SimSocket s = socketOf(c);
            if (addrlen < 0 || addrlen > Addresses.SOCKADDR_STORAGE_SIZE) {
                throw c.fail(EINVAL); // the syscall layer refuses it before any protocol looks
            }
            switch (s) {
                case TcpSocket t -> net.tcp.connect(c, t, addr, addrlen);
                case UdpSocket u -> net.udp.connect(c, u, addr, addrlen);
                case UnixSocket x -> net.unix.connect(c, x, addr, addrlen);
            }
            return null;
        });
    }

    // ---- names and options ----

    @Override
    public SockAddr getsockname(int fd) throws ErrnoException {
        return syscall("getsockname", fd, () -> "getsockname(" + fd + ")", c -> switch (socketOf(c)) {
            case InetSocket i -> Addresses.shown(i.family, i.local());
            case UnixSocket x -> x.shownName();
        });
    }

    @Override
    public SockAddr getpeername(int fd) throws ErrnoException {
        return syscall("getpeername", fd, () -> "getpeername(" + fd + ")", c -> switch (socketOf(c)) {
            case TcpSocket t -> net.tcp.peerName(c, t);
            case UdpSocket u -> net.udp.peerName(c, u);
            case UnixSocket x -> net.unix.peerName(c, x);
        });
    }

    @Override
    public int getsockopt(int fd, SocketOption option) throws ErrnoException {
        return syscall("getsockopt", fd, () -> "getsockopt(" + fd + ", " + option + ")", c -> {
            SimSocket s = socketOf(c);
            return switch (option) {
                case SO_ERROR -> s.takeError().map(Errno::number).orElse(0); // reading SO_ERROR clears it
                case SO_BROADCAST, SO_REUSEADDR -> s.flag(option) ? 1 : 0;
                case SO_LINGER -> Math.max(-1, s.option(option, -1));
                case TCP_SYNCNT -> {
                    protocolOption(c, s, option, true);
                    yield s.option(option, Tcp.DEFAULT_SYN_RETRIES);
                }
                case IPV6_V6ONLY -> {
                    protocolOption(c, s, option, true);
                    yield s.flag(option) ? 1 : 0;
                }
            };
        });
    }

    @Override
    public void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        syscall("setsockopt", fd, () -> "setsockopt(" + fd + ", " + option + ", " + value + ")", c -> {
            SimSocket s = socketOf(c);
            switch (option) {
                case SO_ERROR -> throw c.fail(ENOPROTOOPT); // SO_ERROR can only be read
                case SO_BROADCAST, SO_REUSEADDR -> s.setOption(option, value != 0 ? 1 : 0);
                case SO_LINGER -> s.setOption(option, Math.max(-1, value));
                case TCP_SYNCNT -> {
                    protocolOption(c, s, option, false);
                    if (value < 1 || value > Tcp.MAX_SYN_RETRIES) {
                        throw c.fail(EINVAL);
                    }
                    s.setOption(option, value);
                }
                case IPV6_V6ONLY -> {
                    protocolOption(c, s, option, false);
                    if (s instanceof InetSocket i && (i.hashed() || !i.idle())) {
                        throw c.fail(EINVAL); // only before bind() or connect()
                    }
                    s.setOption(option, value != 0 ? 1 : 0);
                }
            }
            return null;
        });
    }

    /**
     * An option of one protocol level: TCP_SYNCNT is TCP's, IPV6_V6ONLY is IPv6's. A socket of another protocol
     * passes the level on to its network layer, which refuses it: IPv4's {@code ip_getsockopt()} with EOPNOTSUPP
     * but {@code ip_setsockopt()} with ENOPROTOOPT, IPv6's {@code ipv6_getsockopt()} and
     * {@code ipv6_setsockopt()} both with ENOPROTOOPT. AF_UNIX has no protocol options at all (EOPNOTSUPP).
     */
    private static void protocolOption(Call c, SimSocket s, SocketOption option, boolean reading)
            throws ErrnoException {
        boolean applies = switch (s) {
            case UnixSocket ignored -> throw c.fail(EOPNOTSUPP);
            case TcpSocket t -> option != SocketOption.IPV6_V6ONLY || t.family == AddressFamily.AF_INET6;
            case UdpSocket u -> option == SocketOption.IPV6_V6ONLY && u.family == AddressFamily.AF_INET6;
        };
        if (!applies) {
            boolean ipv4 = s.family == AddressFamily.AF_INET;
            throw c.fail(ipv4 && reading ? EOPNOTSUPP : ENOPROTOOPT);
        }
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        syscall("fcntl", fd, () -> "fcntl(" + fd + ", F_SETFL, " + (nonBlocking ? "O_NONBLOCK" : "0") + ")", c -> {
            socketOf(c).nonBlocking(nonBlocking);
            return null;
        });
    }

    @Override
    public boolean isNonBlocking(int fd) throws ErrnoException {
        return syscall("fcntl", fd, () -> "fcntl(" + fd + ", F_GETFL)", c -> socketOf(c).nonBlocking());
    }

    // ---- poll ----

    @Override
    public List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        Supplier<String> text = () -> "poll(" + shortList(fds.stream().map(p -> p.fd() + ":" + p.events()).toList())
                + ", " + timeoutMillis + ")";
        return syscall("poll", -1, text, c -> {
            List<SimSocket> sockets = new ArrayList<>(fds.size());
            for (PollFd p : fds) {
                sockets.add(socketOf(new Call("poll", p.fd())));
            }
            if (timeoutMillis != 0 && !anyReady(fds, sockets)) {
                Scheduler.Wake wake = net.scheduler.await(text.get(), () -> anyReady(fds, sockets),
                        net.scheduler.deadlineAfter(timeoutMillis));
                if (wake == Scheduler.Wake.SIGNAL) {
                    throw c.fail(EINTR);
                }
            }
            List<Set<PollEvent>> revents = new ArrayList<>(fds.size());
            for (int i = 0; i < fds.size(); i++) {
                revents.add(revents(sockets.get(i), fds.get(i).events()));
            }
            return revents;
        });
    }

    private boolean anyReady(List<PollFd> fds, List<SimSocket> sockets) {
        for (int i = 0; i < fds.size(); i++) {
            if (!revents(sockets.get(i), fds.get(i).events()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** What poll() reports for one entry: the requested events that are ready, and POLLERR and POLLHUP always. */
    private Set<PollEvent> revents(SimSocket s, Set<PollEvent> requested) {
        Set<PollEvent> ready = switch (s) {
            case TcpSocket t -> net.tcp.poll(t);
            case UdpSocket u -> net.udp.poll(u);
            case UnixSocket x -> net.unix.poll(x);
        };
        ready.removeIf(e -> !requested.contains(e) && e != PollEvent.POLLERR && e != PollEvent.POLLHUP);
        return ready;
    }

    // ---- data ----

    @Override
    public int send(int fd, byte[] data) throws ErrnoException {
        return syscall("send", fd, () -> "send(" + fd + ", " + data.length + " bytes)", c -> switch (socketOf(c)) {
            case TcpSocket t -> net.tcp.send(c, t, data);
            case UdpSocket u -> net.udp.send(c, u, data);
            case UnixSocket x -> net.unix.send(c, x, data, null, 0);
        });
    }

    @Override
    public int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        Supplier<String> text = () -> "sendto(" + fd + ", " + data.length + " bytes, " + to + ")";
        return syscall(new Call("sendto", fd, to), text, c -> {
            int tolen = Addresses.naturalLength(to);
            return switch (socketOf(c)) {
                case TcpSocket t -> net.tcp.send(c, t, data); // TCP ignores the address
                case UdpSocket u -> net.udp.sendto(c, u, data, to, tolen);
                case UnixSocket x -> net.unix.send(c, x, data, to, tolen);
            };
        });
    }

    @Override
    public int recv(int fd, byte[] buffer) throws ErrnoException {
        return syscall("recv", fd, () -> "recv(" + fd + ", " + buffer.length + ")", c -> switch (socketOf(c)) {
            case TcpSocket t -> net.tcp.recv(c, t, buffer);
            case UdpSocket u -> copy(net.udp.receive(c, u, buffer.length), buffer);
            case UnixSocket x -> copy(net.unix.receive(c, x, buffer.length), buffer);
        });
    }

    private static int copy(Datagram d, byte[] buffer) {
        int n = Math.min(buffer.length, d.data().length);
        System.arraycopy(d.data(), 0, buffer, 0, n);
        return n;
    }

    @Override
    public Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        return syscall("recvfrom", fd, () -> "recvfrom(" + fd + ", " + maxLength + ")", c -> switch (socketOf(c)) {
            case TcpSocket t -> {
                byte[] buffer = new byte[maxLength];
                int n = net.tcp.recv(c, t, buffer);
                yield new Datagram(java.util.Arrays.copyOf(buffer, n), SockAddr.unspec()); // TCP names no sender
            }
            case UdpSocket u -> net.udp.receive(c, u, maxLength);
            case UnixSocket x -> net.unix.receive(c, x, maxLength);
        });
    }

    @Override
    public void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        syscall("shutdown", fd, () -> "shutdown(" + fd + ", " + how + ")", c -> {
            boolean read = how != ShutdownHow.SHUT_WR;
            boolean write = how != ShutdownHow.SHUT_RD;
            switch (socketOf(c)) {
                case TcpSocket t -> net.tcp.shutdown(c, t, read, write);
                case UdpSocket u -> net.udp.shutdown(c, u, read, write);
                case UnixSocket x -> net.unix.shutdown(x, read, write);
            }
            return null;
        });
    }

    // ---- close ----

    @Override
    public void close(int fd) throws ErrnoException {
        syscall("close", fd, () -> "close(" + fd + ")", c -> {
            SimSocket s = table.remove(fd);
            if (s == null) {
                throw c.fail(EBADF);
            }
            reusable.add(fd);
            switch (s) {
                case TcpSocket t -> net.tcp.close(t);
                case UdpSocket u -> net.udp.close(u);
                case UnixSocket x -> net.unix.close(x);
            }
            return null;
        });
    }

    @Override
    public List<Integer> openDescriptors() {
        return net.scheduler.locked(() -> List.copyOf(new TreeSet<>(table.keySet())));
    }

    /** The sockets still open, as {@code local:sock3 (fd 3)}. */
    List<String> describeOpen() {
        List<String> open = new ArrayList<>();
        for (int fd : new TreeSet<>(table.keySet())) {
            open.add(table.get(fd).label + " (fd " + fd + ")");
        }
        return open;
    }

    @Override
    public void alarm(Duration delay) {
        net.scheduler.call(() -> {
            net.scheduler.alarm(delay, host.name());
            return null;
        });
    }

    @Override
    public InstantSource clock() {
        return net.clock();
    }

    @Override
    public void close() {
        net.scheduler.call(() -> {
            for (int fd : new TreeSet<>(table.keySet())) {
                try {
                    close(fd);
                } catch (ErrnoException impossible) {
                    throw new IllegalStateException("an open descriptor could not be closed", impossible);
                }
            }
            return null;
        });
    }
}
