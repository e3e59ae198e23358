package dev.connectkit.internal.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A mirror of the libc functions the kit calls, exactly as C declares them: C names, C ints, and -1 for failure.
 *
 * <p>Every function that sets errno is linked with {@code captureCallState("errno")}: the caller passes a
 * capture segment of its own (never shared between threads), and reads {@link #errno(MemorySegment)} only when
 * the call returned -1, because after a success the captured value is stale.
 */
@SuppressWarnings("restricted") // the one class that links libc; native access is enabled for this module
final class Libc {
    private Libc() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** The layout of the capture segment each errno-setting call writes errno into. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = errnoSetting("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = errnoSetting("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LISTEN = errnoSetting("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle ACCEPT = errnoSetting("accept", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle CONNECT = errnoSetting("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = errnoSetting("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETPEERNAME = errnoSetting("getpeername", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETSOCKOPT =
            errnoSetting("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSOCKOPT =
            errnoSetting("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle FCNTL = LINKER.downcallHandle(LIBC.findOrThrow("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    private static final MethodHandle POLL = errnoSetting("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND = errnoSetting("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV = errnoSetting("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SENDTO =
            errnoSetting("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECVFROM =
            errnoSetting("recvfrom", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SHUTDOWN = errnoSetting("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = errnoSetting("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
    private static final MethodHandle EPOLL_CREATE1 = errnoSetting("epoll_create1", JAVA_INT, JAVA_INT);
    private static final MethodHandle EPOLL_CTL =
            errnoSetting("epoll_ctl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle EPOLL_WAIT =
            errnoSetting("epoll_wait", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle GETPID = plain("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETTID = plain("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle TGKILL = errnoSetting("tgkill", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SIGACTION = errnoSetting("sigaction", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SIGRTMAX = plain("__libc_current_sigrtmax", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static MethodHandle errnoSetting(String name, MemoryLayout result, MemoryLayout... arguments) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(result, arguments), CAPTURE_ERRNO);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
    }

    /** A fresh capture segment for one call, in the caller's (confined) arena. */
    static MemorySegment newErrnoCapture(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno a failed call left in its capture segment; meaningless unless the call returned -1. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** {@code int socket(int domain, int type, int protocol);} returns a descriptor, or -1 and errno. socket(2) */
    static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len);} 0, or -1 and errno. bind(2) */
    static int bind(MemorySegment errno, int fd, MemorySegment addr, int addrlen) {
        try {
            return (int) BIND.invokeExact(errno, fd, addr, addrlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int listen(int fd, int backlog);} 0, or -1 and errno. listen(2) */
    static int listen(MemorySegment errno, int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(errno, fd, backlog);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int accept(int fd, struct sockaddr *addr, socklen_t *len);} a descriptor, or -1 and errno. accept(2) */
    static int accept(MemorySegment errno, int fd, MemorySegment addr, MemorySegment addrlen) {
        try {
            return (int) ACCEPT.invokeExact(errno, fd, addr, addrlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int connect(int fd, const struct sockaddr *addr, socklen_t len);} 0, or -1 and errno. connect(2) */
    static int connect(MemorySegment errno, int fd, MemorySegment addr, int addrlen) {
        try {
            return (int) CONNECT.invokeExact(errno, fd, addr, addrlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len);} 0, or -1 and errno. */
    static int getsockname(MemorySegment errno, int fd, MemorySegment addr, MemorySegment addrlen) {
        try {
            return (int) GETSOCKNAME.invokeExact(errno, fd, addr, addrlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int getpeername(int fd, struct sockaddr *addr, socklen_t *len);} 0, or -1 and errno. */
    static int getpeername(MemorySegment errno, int fd, MemorySegment addr, MemorySegment addrlen) {
        try {
            return (int) GETPEERNAME.invokeExact(errno, fd, addr, addrlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len);} 0, or -1 and errno. */
    static int getsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len);} 0, or -1, errno. */
    static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int fcntl(int fd, int cmd, ... /* int arg *&#47;);} a value for the command, or -1 and errno. */
    static int fcntl(MemorySegment errno, int fd, int cmd, int arg) {
        try {
            return (int) FCNTL.invokeExact(errno, fd, cmd, arg);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int poll(struct pollfd *fds, nfds_t n, int timeout);} ready count, 0 on timeout, or -1. poll(2) */
    static int poll(MemorySegment errno, MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(errno, fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code ssize_t send(int fd, const void *buf, size_t len, int flags);} bytes sent, or -1 and errno. */
    static long send(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) SEND.invokeExact(errno, fd, buf, len, flags);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code ssize_t recv(int fd, void *buf, size_t len, int flags);} bytes received, or -1 and errno. */
    static long recv(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECV.invokeExact(errno, fd, buf, len, flags);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
     * socklen_t tolen);} bytes sent, or -1 and errno. */
    static long sendto(MemorySegment errno, int fd, MemorySegment buf, long len, int flags,
                       MemorySegment to, int tolen) {
        try {
            return (long) SENDTO.invokeExact(errno, fd, buf, len, flags, to, tolen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
     * socklen_t *fromlen);} bytes received, or -1 and errno. */
    static long recvfrom(MemorySegment errno, int fd, MemorySegment buf, long len, int flags,
                         MemorySegment from, MemorySegment fromlen) {
        try {
            return (long) RECVFROM.invokeExact(errno, fd, buf, len, flags, from, fromlen);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int shutdown(int fd, int how);} 0, or -1 and errno. shutdown(2) */
    static int shutdown(MemorySegment errno, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(errno, fd, how);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int close(int fd);} 0, or -1 and errno. close(2) */
    static int close(MemorySegment errno, int fd) {
        try {
            return (int) CLOSE.invokeExact(errno, fd);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int open(const char *path, int flags, ... mode);} a descriptor, or -1 and errno. open(2) */
    static int open(MemorySegment errno, MemorySegment path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(errno, path, flags, mode);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int epoll_create1(int flags);} a new epoll descriptor, or -1 and errno. epoll_create1(2) */
    static int epoll_create1(MemorySegment errno, int flags) {
        try {
            return (int) EPOLL_CREATE1.invokeExact(errno, flags);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);} 0, or -1 and errno. The event
     * may be NULL for EPOLL_CTL_DEL. epoll_ctl(2) */
    static int epoll_ctl(MemorySegment errno, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(errno, epfd, op, fd, event);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);} the number of
     * ready descriptors written to events, 0 on timeout, or -1 and errno. epoll_wait(2) */
    static int epoll_wait(MemorySegment errno, int epfd, MemorySegment events, int maxevents, int timeoutMillis) {
        try {
            return (int) EPOLL_WAIT.invokeExact(errno, epfd, events, maxevents, timeoutMillis);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code pid_t getpid(void);} never fails. */
    static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code pid_t gettid(void);} the kernel's id of the calling thread; never fails. */
    static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int tgkill(pid_t tgid, pid_t tid, int sig);} 0, or -1 and errno (ESRCH once the thread is gone). */
    static int tgkill(MemorySegment errno, int tgid, int tid, int sig) {
        try {
            return (int) TGKILL.invokeExact(errno, tgid, tid, sig);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code int sigaction(int sig, const struct sigaction *act, struct sigaction *old);} 0, or -1, errno. */
    static int sigaction(MemorySegment errno, int sig, MemorySegment act, MemorySegment old) {
        try {
            return (int) SIGACTION.invokeExact(errno, sig, act, old);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code SIGRTMAX}, which glibc computes at run time. */
    static int sigrtmax() {
        try {
            return (int) SIGRTMAX.invokeExact();
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    /** {@code char *strerror(int errnum);} the C library's text for an errno number. */
    static String strerror(int errnum) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errnum);
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    private static AssertionError linkageFailure(Throwable t) {
        return new AssertionError("a libc downcall failed to link or run: " + t, t);
    }
}
