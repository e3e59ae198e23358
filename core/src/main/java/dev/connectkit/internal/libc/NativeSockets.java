package dev.connectkit.internal.libc;

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

import java.nio.file.Path;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The native backend: each call is the real libc call on the running kernel, and each errno is the real one.
 *
 * <p>This is the layer that turns libc's convention (-1 and errno) into the kit's ({@link ErrnoException}); the
 * C mirror itself is {@link Libc}. Descriptors this instance did not open are refused with EBADF before the
 * kernel is asked, so a caller can never close or reuse a descriptor the JVM owns.
 */
public final class NativeSockets implements Backend {

    private final Set<Integer> open = new ConcurrentSkipListSet<>();
    private final Alarms alarms = new Alarms();

    /**
     * Set to {@code unavailable} to run as if the native backend could not run here (macOS, Windows): what a
     * student without Linux gets, testable on Linux.
     */
    public static final String FORCE_PROPERTY = "connectkit.native";

    private NativeSockets() {
    }

    /**
     * Why the native backend cannot run here, if it cannot: it needs Linux on x86_64 or aarch64, and native
     * access enabled for the core module.
     */
    public static Optional<String> unavailableReason() {
        if ("unavailable".equals(System.getProperty(FORCE_PROPERTY))) {
            return Optional.of("the native backend is switched off (-D" + FORCE_PROPERTY + "=unavailable),"
                    + " as on a laptop without Linux");
        }
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.toLowerCase(Locale.ROOT).equals("linux") || !(arch.equals("amd64") || arch.equals("x86_64")
                || arch.equals("aarch64"))) {
            return Optional.of("the native backend calls Linux's libc and runs on Linux x86_64 and aarch64 only,"
                    + " not on " + os + " " + arch);
        }
        if (!NativeSockets.class.getModule().isNativeAccessEnabled()) {
            String module = NativeSockets.class.getModule().isNamed()
                    ? NativeSockets.class.getModule().getName() : "ALL-UNNAMED";
            return Optional.of("the native backend needs native access: start Java with --enable-native-access="
                    + module);
        }
        return Optional.empty();
    }

    /**
     * A new native backend.
     *
     * @throws UnsupportedOperationException with {@link #unavailableReason()} where it cannot run
     */
    public static NativeSockets open() {
        unavailableReason().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        return new NativeSockets();
    }

    @Override
    public String backend() {
        return "native";
    }

    /** The kernel can do everything the kit asks of it. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int fd = Libc.socket(errno, family(domain), type == SocketType.SOCK_STREAM
                    ? LinuxAbi.SOCK_STREAM : LinuxAbi.SOCK_DGRAM, 0);
            check("socket", fd, errno);
            open.add(fd);
            return fd;
        }
    }

    @Override
    public void bind(int fd, SockAddr addr) throws ErrnoException {
        requireOpen("bind", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment sa = Sockaddrs.encode(arena, addr);
            check("bind", Libc.bind(errno, fd, sa, (int) sa.byteSize()), errno);
        }
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        requireOpen("listen", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            check("listen", Libc.listen(errno, fd, backlog), errno);
        }
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        requireOpen("accept", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int accepted = Libc.accept(errno, fd, MemorySegment.NULL, MemorySegment.NULL);
            check("accept", accepted, errno);
            open.add(accepted);
            return accepted;
        }
    }

    @Override
    public void connect(int fd, SockAddr addr) throws ErrnoException {
        requireOpen("connect", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment sa = Sockaddrs.encode(arena, addr);
            check("connect", Libc.connect(errno, fd, sa, (int) sa.byteSize()), errno);
        }
    }

    @Override
    public void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException {
        requireOpen("connect", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment encoded = Sockaddrs.encode(arena, addr);
            // The kernel reads addrlen bytes, so the buffer is never shorter than that; past
            // sizeof(struct sockaddr_storage) (or negative, which is huge as a socklen_t) it reads nothing
            // and returns EINVAL, so a buffer of that size is always enough.
            MemorySegment sa = Sockaddrs.storage(arena);
            MemorySegment.copy(encoded, 0, sa, 0, encoded.byteSize());
            check("connect", Libc.connect(errno, fd, sa, addrlen), errno);
        }
    }

    @Override
    public SockAddr getsockname(int fd) throws ErrnoException {
        requireOpen("getsockname", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment sa = Sockaddrs.storage(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) sa.byteSize());
            check("getsockname", Libc.getsockname(errno, fd, sa, len), errno);
            return Sockaddrs.decode(sa, len.get(JAVA_INT, 0));
        }
    }

    @Override
    public SockAddr getpeername(int fd) throws ErrnoException {
        requireOpen("getpeername", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment sa = Sockaddrs.storage(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) sa.byteSize());
            check("getpeername", Libc.getpeername(errno, fd, sa, len), errno);
            return Sockaddrs.decode(sa, len.get(JAVA_INT, 0));
        }
    }

    @Override
    public int getsockopt(int fd, SocketOption option) throws ErrnoException {
        requireOpen("getsockopt", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment value = arena.allocate(8, 4); // big enough for an int and for struct linger
            MemorySegment len = arena.allocateFrom(JAVA_INT, option == SocketOption.SO_LINGER ? 8 : 4);
            check("getsockopt", Libc.getsockopt(errno, fd, level(option), name(option), value, len), errno);
            // struct linger { int l_onoff; int l_linger; }: report l_linger when lingering is on, else -1
            if (option == SocketOption.SO_LINGER) {
                return value.get(JAVA_INT, 0) == 0 ? -1 : value.get(JAVA_INT, 4);
            }
            return value.get(JAVA_INT, 0);
        }
    }

    @Override
    public void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        requireOpen("setsockopt", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment v;
            if (option == SocketOption.SO_LINGER) {
                v = arena.allocate(8, 4);
                v.set(JAVA_INT, 0, value < 0 ? 0 : 1);
                v.set(JAVA_INT, 4, Math.max(value, 0));
            } else {
                v = arena.allocateFrom(JAVA_INT, value);
            }
            check("setsockopt", Libc.setsockopt(errno, fd, level(option), name(option), v, (int) v.byteSize()),
                    errno);
        }
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        requireOpen("fcntl", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int flags = Libc.fcntl(errno, fd, LinuxAbi.F_GETFL, 0);
            check("fcntl", flags, errno);
            int updated = nonBlocking ? flags | LinuxAbi.O_NONBLOCK : flags & ~LinuxAbi.O_NONBLOCK;
            check("fcntl", Libc.fcntl(errno, fd, LinuxAbi.F_SETFL, updated), errno);
        }
    }

    @Override
    public boolean isNonBlocking(int fd) throws ErrnoException {
        requireOpen("fcntl", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int flags = Libc.fcntl(errno, fd, LinuxAbi.F_GETFL, 0);
            check("fcntl", flags, errno);
            return (flags & LinuxAbi.O_NONBLOCK) != 0;
        }
    }

    @Override
    public List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        for (PollFd p : fds) {
            requireOpen("poll", p.fd());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            // struct pollfd { int fd; short events; short revents; }
            MemorySegment array = arena.allocate(8L * Math.max(1, fds.size()), 4);
            for (int i = 0; i < fds.size(); i++) {
                array.set(JAVA_INT, 8L * i, fds.get(i).fd());
                array.set(JAVA_SHORT, 8L * i + 4, pollBits(fds.get(i).events()));
            }
            check("poll", Libc.poll(errno, array, fds.size(), timeoutMillis), errno);
            List<Set<PollEvent>> revents = new ArrayList<>(fds.size());
            for (int i = 0; i < fds.size(); i++) {
                revents.add(pollEvents(array.get(JAVA_SHORT, 8L * i + 6)));
            }
            return revents;
        }
    }

    @Override
    public int send(int fd, byte[] data) throws ErrnoException {
        requireOpen("send", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment buf = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, data.length);
            long n = Libc.send(errno, fd, buf, data.length, 0);
            check("send", (int) n, errno);
            return (int) n;
        }
    }

    @Override
    public int recv(int fd, byte[] buffer) throws ErrnoException {
        requireOpen("recv", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment buf = arena.allocate(Math.max(1, buffer.length));
            long n = Libc.recv(errno, fd, buf, buffer.length, 0);
            check("recv", (int) n, errno);
            MemorySegment.copy(buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) n);
            return (int) n;
        }
    }

    @Override
    public int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        requireOpen("sendto", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment buf = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment sa = Sockaddrs.encode(arena, to);
            long n = Libc.sendto(errno, fd, buf, data.length, 0, sa, (int) sa.byteSize());
            check("sendto", (int) n, errno);
            return (int) n;
        }
    }

    @Override
    public Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        requireOpen("recvfrom", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment buf = arena.allocate(Math.max(1, maxLength));
            MemorySegment sa = Sockaddrs.storage(arena);
            MemorySegment len = arena.allocateFrom(JAVA_INT, (int) sa.byteSize());
            long n = Libc.recvfrom(errno, fd, buf, maxLength, 0, sa, len);
            check("recvfrom", (int) n, errno);
            byte[] data = buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            return new Datagram(data, Sockaddrs.decode(sa, len.get(JAVA_INT, 0)));
        }
    }

    @Override
    public void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        requireOpen("shutdown", fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int h = switch (how) {
                case SHUT_RD -> LinuxAbi.SHUT_RD;
                case SHUT_WR -> LinuxAbi.SHUT_WR;
                case SHUT_RDWR -> LinuxAbi.SHUT_RDWR;
            };
            check("shutdown", Libc.shutdown(errno, fd, h), errno);
        }
    }

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}: a descriptor that is not a socket; the kernel says ENOTSOCK to it. */
    @Override
    public int open(Path path) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            int fd = Libc.open(errno, arena.allocateFrom(path.toString()), LinuxAbi.O_RDONLY | LinuxAbi.O_CLOEXEC, 0);
            check("open", fd, errno);
            open.add(fd);
            return fd;
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        if (!open.remove(fd)) {
            throw new ErrnoException("close", Errno.EBADF);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            // Linux releases the descriptor even when close() reports an error, so it is forgotten first.
            check("close", Libc.close(errno, fd), errno);
        }
    }

    @Override
    public List<Integer> openDescriptors() {
        return List.copyOf(open);
    }

    /**
     * Schedules a real signal for the calling thread after {@code delay}, as {@code setitimer(ITIMER_REAL)} with
     * a handler installed without {@code SA_RESTART} would: a blocking call the thread is in at that moment fails
     * with EINTR. {@link Duration#ZERO} cancels a pending alarm. The signal is the JDK's own no-op
     * {@code SIGRTMAX-2}, so nothing but the interruption happens.
     *
     * @throws UnsupportedOperationException if no handler for that signal is installed (sending it would then
     *                                       end the process, so it is never sent)
     */
    @Override
    public void alarm(Duration delay) {
        alarms.schedule(delay);
    }

    @Override
    public java.time.InstantSource clock() {
        return java.time.InstantSource.system();
    }

    @Override
    public void close() {
        alarms.close();
        for (Integer fd : List.copyOf(open)) {
            try {
                close(fd);
            } catch (ErrnoException ignored) {
                // Closing everything is best effort: a descriptor the kernel already released is gone either way.
            }
        }
    }

    /** The C library's text for an errno number, for checking the kit's table against libc. */
    public static String strerror(int errnum) {
        return Libc.strerror(errnum);
    }

    private void requireOpen(String call, int fd) throws ErrnoException {
        if (!open.contains(fd)) {
            throw new ErrnoException(call, Errno.EBADF);
        }
    }

    /** Turns C's "-1 and errno" into the kit's error model; errno is read only when the call failed. */
    private static void check(String call, int result, MemorySegment errnoCapture) throws ErrnoException {
        if (result == -1) {
            int number = Libc.errno(errnoCapture);
            Errno errno = Errno.forNumber(number).orElseThrow(() -> new IllegalStateException(
                    call + "() failed with errno " + number + " (" + Libc.strerror(number)
                            + "), which connectkit's Errno table does not list"));
            throw new ErrnoException(call, errno);
        }
    }

    private static int family(AddressFamily family) {
        return switch (family) {
            case AF_UNSPEC -> LinuxAbi.AF_UNSPEC;
            case AF_UNIX -> LinuxAbi.AF_UNIX;
            case AF_INET -> LinuxAbi.AF_INET;
            case AF_INET6 -> LinuxAbi.AF_INET6;
        };
    }

    private static int level(SocketOption option) {
        return switch (option) {
            case SO_ERROR, SO_BROADCAST, SO_REUSEADDR, SO_LINGER -> LinuxAbi.SOL_SOCKET;
            case TCP_SYNCNT -> LinuxAbi.IPPROTO_TCP;
            case IPV6_V6ONLY -> LinuxAbi.IPPROTO_IPV6;
        };
    }

    private static int name(SocketOption option) {
        return switch (option) {
            case SO_ERROR -> LinuxAbi.SO_ERROR;
            case SO_BROADCAST -> LinuxAbi.SO_BROADCAST;
            case SO_REUSEADDR -> LinuxAbi.SO_REUSEADDR;
            case SO_LINGER -> LinuxAbi.SO_LINGER;
            case TCP_SYNCNT -> LinuxAbi.TCP_SYNCNT;
            case IPV6_V6ONLY -> LinuxAbi.IPV6_V6ONLY;
        };
    }

    private static short pollBits(Set<PollEvent> events) {
        int bits = 0;
        for (PollEvent e : events) {
            bits |= switch (e) {
                case POLLIN -> LinuxAbi.POLLIN;
                case POLLOUT -> LinuxAbi.POLLOUT;
                case POLLERR -> LinuxAbi.POLLERR;
                case POLLHUP -> LinuxAbi.POLLHUP;
                case POLLNVAL -> LinuxAbi.POLLNVAL;
            };
        }
        return (short) bits;
    }

    private static Set<PollEvent> pollEvents(short bits) {
        Set<PollEvent> events = EnumSet.noneOf(PollEvent.class);
        if ((bits & LinuxAbi.POLLIN) != 0) {
            events.add(PollEvent.POLLIN);
        }
        if ((bits & LinuxAbi.POLLOUT) != 0) {
            events.add(PollEvent.POLLOUT);
        }
        if ((bits & LinuxAbi.POLLERR) != 0) {
            events.add(PollEvent.POLLERR);
        }
        if ((bits & LinuxAbi.POLLHUP) != 0) {
            events.add(PollEvent.POLLHUP);
        }
        if ((bits & LinuxAbi.POLLNVAL) != 0) {
            events.add(PollEvent.POLLNVAL);
        }
        return events;
    }
}
