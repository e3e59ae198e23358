package dev.connectkit.posix;

import dev.connectkit.internal.Syscalls;
import dev.connectkit.internal.libc.NativeSockets;
import dev.connectkit.internal.nio.NioSockets;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The POSIX socket calls that connect() needs, in the shape C gives them.
 *
 * <p>Descriptors are {@code int}s, as in C, but only descriptors this instance opened are accepted: any other
 * number (closed, never opened, or opened by someone else) gives {@link Errno#EBADF} without touching the
 * kernel. A call that returns -1 in C throws {@link ErrnoException} carrying the errno, the descriptor and the
 * address; a call that succeeds returns what C returns. Closing a {@code Sockets} closes every descriptor it
 * still has open.
 *
 * <p>Arguments C cannot even express are refused before any backend sees them, the same way on every backend:
 * a {@code null} (C would pass a NULL pointer) and a negative length throw {@link IllegalArgumentException}
 * with a one-line message naming the call and the argument. A call that needs something the backend cannot do
 * throws {@link UnsupportedCapabilityException} naming the {@link Capability}.
 *
 * <p>Three backends implement the same contract: the real kernel through libc ({@code native}), a
 * deterministic simulated network on a virtual clock ({@code sim}, from {@code SimNetwork}), and java.nio
 * channels ({@code nio}).
 */
public sealed interface Sockets extends AutoCloseable permits Syscalls {

    /** The most bytes one {@link #recvfrom} reads: larger requests are served up to this many (65,536). */
    int MAX_RECEIVE = 1 << 16;

    /** The most entries one {@link #poll} takes; more give EINVAL, as Linux does past its descriptor limit. */
    int MAX_POLL_FDS = 1 << 16;

    /**
     * The native backend: real system calls on the running kernel.
     *
     * @throws UnsupportedOperationException with one sentence saying why, where it cannot run
     */
    static Sockets nativeLibc() {
        return new Syscalls(NativeSockets.open());
    }

    /** The java.nio backend: each call done with the channels a Java program uses, errno from their exceptions. */
    static Sockets nio() {
        return new Syscalls(new NioSockets());
    }

    /**
     * Why {@link #nativeLibc()} cannot run here, or empty if it can. Starting Java with
     * {@code -Dconnectkit.native=unavailable} makes it unavailable on purpose, to try what a student without
     * Linux gets.
     */
    static Optional<String> nativeUnavailableReason() {
        return NativeSockets.unavailableReason();
    }

    /** The backend's short name, as used in reports: {@code native}, {@code sim} or {@code nio}. */
    String backend();

    /** What this backend can express; every backend has the capabilities the kernel has, or says which it lacks. */
    Set<Capability> capabilities();

    /** Whether this backend has {@code capability}. */
    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /** {@code socket(domain, type, 0)}: a new descriptor; see socket(2). */
    int socket(AddressFamily domain, SocketType type) throws ErrnoException;

    /** {@code bind(fd, addr, addrlen)}: gives the socket a local address; see bind(2). */
    void bind(int fd, SockAddr addr) throws ErrnoException;

    /** {@code listen(fd, backlog)}: makes a stream socket accept connections; see listen(2). */
    void listen(int fd, int backlog) throws ErrnoException;

    /** {@code accept(fd, NULL, NULL)}: the next completed connection, as a new descriptor; see accept(2). */
    int accept(int fd) throws ErrnoException;

    /**
     * {@code connect(fd, addr, sizeof *addr)}: connects a connection-mode socket, or sets the peer address of a
     * connectionless one; see connect(2) and the man page this kit is built on.
     *
     * @throws ErrnoException with EINPROGRESS, EALREADY, EISCONN, EINTR, ECONNREFUSED, ETIMEDOUT, … exactly
     *                        where the C call returns -1 with that errno
     */
    void connect(int fd, SockAddr addr) throws ErrnoException;

    /**
     * {@code connect(fd, addr, addrlen)} with an explicit length, to show what the kernel says about a wrong one
     * (EINVAL). The address is encoded as usual and zero-padded if {@code addrlen} is longer. A negative length
     * is what C's unsigned {@code socklen_t} makes of it: a huge one.
     *
     * @throws UnsupportedCapabilityException where the backend has no {@link Capability#EXPLICIT_ADDRLEN}
     */
    void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException;

    /** {@code getsockname(fd)}: the socket's local address; see getsockname(2). */
    SockAddr getsockname(int fd) throws ErrnoException;

    /** {@code getpeername(fd)}: the peer's address, or ENOTCONN; see getpeername(2). */
    SockAddr getpeername(int fd) throws ErrnoException;

    /**
     * {@code getsockopt(fd, level, option)} for an integer option. For {@link SocketOption#SO_ERROR} the value is
     * an errno number (0 for none) and reading it clears it; {@link Errno#forNumber(int)} names it.
     */
    int getsockopt(int fd, SocketOption option) throws ErrnoException;

    /** {@code setsockopt(fd, level, option, &value, sizeof value)}; see setsockopt(2). */
    void setsockopt(int fd, SocketOption option, int value) throws ErrnoException;

    /** {@code fcntl(fd, F_SETFL, flags | O_NONBLOCK)}, or without it when {@code nonBlocking} is false. */
    void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException;

    /** {@code fcntl(fd, F_GETFL) & O_NONBLOCK}. */
    boolean isNonBlocking(int fd) throws ErrnoException;

    /**
     * {@code poll(fds, nfds, timeout)}: waits up to {@code timeoutMillis} (any negative value: forever; 0: not at
     * all) until one of the descriptors has an event; returns each entry's {@code revents}, in order (empty sets
     * on timeout). An entry may repeat a descriptor, as in C; more than {@link #MAX_POLL_FDS} entries give EINVAL.
     */
    List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException;

    /** poll() on one descriptor: its {@code revents}, empty on timeout. */
    default Set<PollEvent> poll(PollFd fd, int timeoutMillis) throws ErrnoException {
        return poll(List.of(fd), timeoutMillis).getFirst();
    }

    /** {@code send(fd, data, len, 0)}: bytes sent to the connected peer (S-04); see send(2). */
    int send(int fd, byte[] data) throws ErrnoException;

    /** {@code recv(fd, buffer, len, 0)}: bytes received (0 at end of stream); see recv(2). */
    int recv(int fd, byte[] buffer) throws ErrnoException;

    /** {@code sendto(fd, data, len, 0, to, tolen)}; see sendto(2). */
    int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException;

    /**
     * {@code recvfrom(fd, buf, maxLength, 0, &from, &fromlen)}: one datagram and its sender, or up to
     * {@code maxLength} bytes of a stream. The kit allocates the buffer, at most {@link #MAX_RECEIVE} bytes: no
     * datagram is larger, and a stream read may always return fewer bytes than asked.
     *
     * @throws IllegalArgumentException if {@code maxLength} is negative
     */
    Datagram recvfrom(int fd, int maxLength) throws ErrnoException;

    /** {@code shutdown(fd, how)}; see shutdown(2). */
    void shutdown(int fd, ShutdownHow how) throws ErrnoException;

    /**
     * {@code open(path, O_RDONLY)}: a descriptor of a file, which is not a socket. Every socket call on it fails
     * with ENOTSOCK, as in C; {@link #close(int)} releases it. Only descriptors opened through this instance are
     * ever accepted, files included.
     *
     * @throws UnsupportedCapabilityException where the backend has no {@link Capability#FILE_DESCRIPTORS}
     */
    int open(Path path) throws ErrnoException;

    /** {@code close(fd)}: releases the descriptor; a second close gives EBADF. */
    void close(int fd) throws ErrnoException;

    /**
     * Schedules a signal for the calling thread after {@code delay}, as {@code setitimer(ITIMER_REAL)} with a
     * handler installed without {@code SA_RESTART}: a blocking call the thread is in at that moment fails with
     * EINTR (S-10). {@link Duration#ZERO} cancels a pending alarm.
     *
     * @throws IllegalArgumentException       if {@code delay} is negative (setitimer() gives EINVAL)
     * @throws UnsupportedCapabilityException where the backend has no {@link Capability#SIGNALS}
     */
    void alarm(Duration delay);

    /** The clock this backend's timeouts run on: the wall clock, or the simulator's virtual clock. */
    InstantSource clock();

    /** The descriptors this instance opened and has not closed, in ascending order. */
    List<Integer> openDescriptors();

    /** Closes every descriptor still open; never throws. */
    @Override
    void close();
}
