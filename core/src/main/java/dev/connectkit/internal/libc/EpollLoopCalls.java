package dev.connectkit.internal.libc;

import dev.connectkit.posix.SockAddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The libc calls of a C epoll(7) connect loop, for one thread, as C sees them: descriptors are plain ints, each
 * call returns what libc returns (-1 on failure) and {@link #errno()} tells why.
 *
 * <p>It exists so the connect-fanout benchmark can measure the cost of FFM itself against the same loop in C,
 * without the kit's error model (an {@link dev.connectkit.posix.ErrnoException} per EINPROGRESS, an arena per
 * call) in the way; its package is exported to that module only. The descriptors it opens are not the native
 * backend's: it closes them itself. One instance per thread: its errno capture, its {@code struct epoll_event}
 * array and its small buffers live in one confined arena, reused by every call, so the loop allocates nothing.
 */
public final class EpollLoopCalls implements AutoCloseable {
    /** {@code AF_INET}. */
    public static final int AF_INET = LinuxAbi.AF_INET;
    /** {@code SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC}: a non-blocking TCP socket in one call, as C opens it. */
    public static final int SOCK_STREAM_NONBLOCK = LinuxAbi.SOCK_STREAM | LinuxAbi.SOCK_NONBLOCK | LinuxAbi.SOCK_CLOEXEC;
    /** {@code EPOLL_CTL_ADD}. */
    public static final int EPOLL_CTL_ADD = LinuxAbi.EPOLL_CTL_ADD;
    /** {@code EPOLL_CTL_DEL}. */
    public static final int EPOLL_CTL_DEL = LinuxAbi.EPOLL_CTL_DEL;
    /** {@code EPOLLOUT}: writable, which for a connecting socket means the handshake ended (S-13). */
    public static final int EPOLLOUT = LinuxAbi.EPOLLOUT;
    /** {@code EPOLLERR}. */
    public static final int EPOLLERR = LinuxAbi.EPOLLERR;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.newErrnoCapture(arena);
    private final MemorySegment event = arena.allocate(LinuxAbi.EPOLL_EVENT_SIZE, 8);
    private final MemorySegment events;
    private final int maxEvents;
    private final MemorySegment intValue = arena.allocate(JAVA_INT);
    private final MemorySegment intLength = arena.allocate(JAVA_INT);
    private final MemorySegment lingerZero = arena.allocate(8, 4); // struct linger { int l_onoff = 1; int l_linger = 0; }

    /** Buffers for {@code maxEvents} ready descriptors per {@link #epoll_wait}. */
    public EpollLoopCalls(int maxEvents) {
        NativeSockets.unavailableReason().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        if (maxEvents < 1 || maxEvents > 65_536) {
            throw new IllegalArgumentException("maxEvents must be in 1-65536: " + maxEvents);
        }
        this.maxEvents = maxEvents;
        this.events = arena.allocate(LinuxAbi.EPOLL_EVENT_SIZE * maxEvents, 8);
        lingerZero.set(JAVA_INT, 0, 1);
        lingerZero.set(JAVA_INT, 4, 0);
    }

    /** The errno of the last call that returned -1 (stale after a success). */
    public int errno() {
        return Libc.errno(errno);
    }

    /** {@code addr} encoded once as a {@code struct sockaddr}, in this instance's arena, for {@link #connect}. */
    public MemorySegment sockaddr(SockAddr addr) {
        return Sockaddrs.encode(arena, addr);
    }

    /** {@code socket(domain, type, 0)}: a descriptor, or -1. socket(2) */
    public int socket(int domain, int type) {
        return Libc.socket(errno, domain, type, 0);
    }

    /** {@code connect(fd, addr, sizeof addr)}: 0, or -1 (EINPROGRESS for a non-blocking socket, S-11). */
    public int connect(int fd, MemorySegment addr) {
        return Libc.connect(errno, fd, addr, (int) addr.byteSize());
    }

    /** {@code getsockopt(fd, SOL_SOCKET, SO_ERROR, ...)}: the pending error (0 once connected, S-13), or -1. */
    public int soError(int fd) {
        intLength.set(JAVA_INT, 0, 4);
        int r = Libc.getsockopt(errno, fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_ERROR, intValue, intLength);
        return r == -1 ? -1 : intValue.get(JAVA_INT, 0);
    }

    /** {@code setsockopt(fd, SOL_SOCKET, SO_LINGER, {1, 0})}: close() will reset, leaving no TIME_WAIT. 0, or -1. */
    public int lingerZero(int fd) {
        return Libc.setsockopt(errno, fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_LINGER, lingerZero, 8);
    }

    /** {@code close(fd)}: 0, or -1. close(2) */
    public int close(int fd) {
        return Libc.close(errno, fd);
    }

    /** {@code epoll_create1(EPOLL_CLOEXEC)}: an epoll descriptor, or -1. epoll_create1(2) */
    public int epoll_create1() {
        return Libc.epoll_create1(errno, LinuxAbi.EPOLL_CLOEXEC);
    }

    /** {@code epoll_ctl(epfd, op, fd, &(struct epoll_event){events, .data.fd = fd})}: 0, or -1. epoll_ctl(2) */
    public int epoll_ctl(int epfd, int op, int fd, int eventMask) {
        event.set(JAVA_INT, 0, eventMask);
        event.set(JAVA_LONG_UNALIGNED, LinuxAbi.EPOLL_EVENT_DATA_OFFSET, fd);
        return Libc.epoll_ctl(errno, epfd, op, fd, event);
    }

    /** {@code epoll_wait(epfd, events, maxEvents, timeout)}: how many descriptors are ready, 0, or -1. */
    public int epoll_wait(int epfd, int timeoutMillis) {
        return Libc.epoll_wait(errno, epfd, events, maxEvents, timeoutMillis);
    }

    /** The descriptor of ready event {@code i} of the last {@link #epoll_wait} ({@code events[i].data.fd}). */
    public int readyFd(int i) {
        return events.get(JAVA_INT_UNALIGNED, i * LinuxAbi.EPOLL_EVENT_SIZE + LinuxAbi.EPOLL_EVENT_DATA_OFFSET);
    }

    /** The event mask of ready event {@code i} of the last {@link #epoll_wait} ({@code events[i].events}). */
    public int readyEvents(int i) {
        return events.get(JAVA_INT_UNALIGNED, i * LinuxAbi.EPOLL_EVENT_SIZE);
    }

    /** Frees the buffers; the descriptors are the caller's to close. */
    @Override
    public void close() {
        arena.close();
    }
}
