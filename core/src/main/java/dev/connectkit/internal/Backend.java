package dev.connectkit.internal;

import dev.connectkit.internal.libc.NativeSockets;
import dev.connectkit.internal.nio.NioSockets;
import dev.connectkit.internal.sim.SimulatedSockets;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * One way of carrying out the socket calls: the real kernel, the simulated network, or java.nio.
 *
 * <p>A backend is only ever called through {@link Syscalls}, which has already checked every argument that C
 * could not even express (a null, a negative length) and attaches the descriptor and address to a failure. A
 * backend does what its kernel, simulation or channels do with everything else, and reports a call it cannot
 * express with {@link dev.connectkit.posix.UnsupportedCapabilityException}. The methods mean exactly what the
 * same methods of {@link dev.connectkit.posix.Sockets} mean.
 */
public sealed interface Backend permits NativeSockets, SimulatedSockets, NioSockets {

    /** The backend's short name: {@code native}, {@code sim} or {@code nio}. */
    String backend();

    /** What this backend can express; a call needing anything else fails naming the capability. */
    Set<Capability> capabilities();

    int socket(AddressFamily domain, SocketType type) throws ErrnoException;

    void bind(int fd, SockAddr addr) throws ErrnoException;

    void listen(int fd, int backlog) throws ErrnoException;

    int accept(int fd) throws ErrnoException;

    void connect(int fd, SockAddr addr) throws ErrnoException;

    void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException;

    SockAddr getsockname(int fd) throws ErrnoException;

    SockAddr getpeername(int fd) throws ErrnoException;

    int getsockopt(int fd, SocketOption option) throws ErrnoException;

    void setsockopt(int fd, SocketOption option, int value) throws ErrnoException;

    void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException;

    boolean isNonBlocking(int fd) throws ErrnoException;

    List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException;

    int send(int fd, byte[] data) throws ErrnoException;

    int recv(int fd, byte[] buffer) throws ErrnoException;

    int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException;

    Datagram recvfrom(int fd, int maxLength) throws ErrnoException;

    void shutdown(int fd, ShutdownHow how) throws ErrnoException;

    /**
     * {@code open(path, O_RDONLY)}: a descriptor that is not a socket. Only a backend with
     * {@link Capability#FILE_DESCRIPTORS} has them.
     */
    default int open(Path path) throws ErrnoException {
        throw new UnsupportedCapabilityException(backend(), Capability.FILE_DESCRIPTORS,
                "this backend has socket descriptors only");
    }

    void close(int fd) throws ErrnoException;

    void alarm(Duration delay);

    InstantSource clock();

    List<Integer> openDescriptors();

    void close();
}
