package dev.connectkit.internal;

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
import dev.connectkit.posix.Sockets;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The front of every backend: each public socket call enters here, has its arguments checked the same way
 * whatever the backend, goes to the {@link Backend}, and on failure leaves with the descriptor and the address
 * attached to its {@link ErrnoException}.
 *
 * <p>Only what C cannot express is refused here (a null, a negative buffer length): everything C can pass to the
 * kernel goes to the backend, which answers as the kernel would.
 *
 * <p>Every call that reaches the backend is also shown to this front's {@link CallObserver}, as an
 * {@link Invocation}: that is where the tracer ({@code dev.connectkit.trace}) sees what a program does. A refused
 * argument is not a call the kernel would see, so no observer sees it.
 */
public final class Syscalls implements Sockets {
    private final Backend backend;
    private final CallObserver observer;

    /** The calls of {@code backend}, checked and named. */
    public Syscalls(Backend backend) {
        this(backend, CallObserver.NONE);
    }

    private Syscalls(Backend backend, CallObserver observer) {
        this.backend = Objects.requireNonNull(backend);
        this.observer = Objects.requireNonNull(observer);
    }

    /**
     * Another front on the same backend (the same descriptors, the same process) whose calls {@code observer}
     * also sees, inside any observer this front already has. Closing either closes the backend.
     */
    public Syscalls observedBy(CallObserver observer) {
        return new Syscalls(backend, observer.around(this.observer));
    }

    /** Whether {@code other} is a front on the same backend as this one: the same descriptor table. */
    public boolean sameBackendAs(Syscalls other) {
        return backend == other.backend;
    }

    private <T> T observed(Invocation invocation, CallObserver.Body<T> body) throws ErrnoException {
        return observer.observe(invocation, body);
    }

    private void observedVoid(Invocation invocation, VoidCall body) throws ErrnoException {
        observer.observe(invocation, () -> {
            body.run();
            return null;
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ErrnoException;
    }

    @FunctionalInterface
    private interface VoidCall {
        void run() throws ErrnoException;
    }

    /** Runs a call on {@code fd}; a failure names the descriptor and the address it was given. */
    private static <T> T on(int fd, SockAddr address, Call<T> call) throws ErrnoException {
        try {
            return call.run();
        } catch (ErrnoException e) {
            throw e.at(fd, address);
        }
    }

    private static void on(int fd, SockAddr address, VoidCall call) throws ErrnoException {
        on(fd, address, () -> {
            call.run();
            return null;
        });
    }

    /** A Java null has no C counterpart the kernel would see (C passes NULL and gets EFAULT): refuse it here. */
    private static <T> T present(String call, String argument, T value) {
        if (value == null) {
            throw new IllegalArgumentException(call + ": " + argument + " must not be null");
        }
        return value;
    }

    @Override
    public String backend() {
        return backend.backend();
    }

    @Override
    public Set<Capability> capabilities() {
        return backend.capabilities();
    }

    @Override
    public int socket(AddressFamily domain, SocketType type) throws ErrnoException {
        present("socket", "domain", domain);
        present("socket", "type", type);
        return observed(new Invocation.Socket(domain, type), () -> backend.socket(domain, type));
    }

    @Override
    public void bind(int fd, SockAddr addr) throws ErrnoException {
        present("bind", "addr", addr);
        observedVoid(new Invocation.Bind(fd, addr), () -> on(fd, addr, () -> backend.bind(fd, addr)));
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        observedVoid(new Invocation.Listen(fd, backlog), () -> on(fd, null, () -> backend.listen(fd, backlog)));
    }

    @Override
    public int accept(int fd) throws ErrnoException {
        return observed(new Invocation.Accept(fd), () -> on(fd, null, () -> backend.accept(fd)));
    }

    @Override
    public void connect(int fd, SockAddr addr) throws ErrnoException {
        present("connect", "addr", addr);
        observedVoid(new Invocation.Connect(fd, addr, Invocation.Connect.SIZEOF),
                () -> on(fd, addr, () -> backend.connect(fd, addr)));
    }

    @Override
    public void connect(int fd, SockAddr addr, int addrlen) throws ErrnoException {
        present("connect", "addr", addr);
        observedVoid(new Invocation.Connect(fd, addr, addrlen),
                () -> on(fd, addr, () -> backend.connect(fd, addr, addrlen)));
    }

    @Override
    public SockAddr getsockname(int fd) throws ErrnoException {
        return observed(new Invocation.GetSockName(fd), () -> on(fd, null, () -> backend.getsockname(fd)));
    }

    @Override
    public SockAddr getpeername(int fd) throws ErrnoException {
        return observed(new Invocation.GetPeerName(fd), () -> on(fd, null, () -> backend.getpeername(fd)));
    }

    @Override
    public int getsockopt(int fd, SocketOption option) throws ErrnoException {
        present("getsockopt", "option", option);
        return observed(new Invocation.GetSockOpt(fd, option),
                () -> on(fd, null, () -> backend.getsockopt(fd, option)));
    }

    @Override
    public void setsockopt(int fd, SocketOption option, int value) throws ErrnoException {
        present("setsockopt", "option", option);
        observedVoid(new Invocation.SetSockOpt(fd, option, value),
                () -> on(fd, null, () -> backend.setsockopt(fd, option, value)));
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) throws ErrnoException {
        observedVoid(new Invocation.SetNonBlocking(fd, nonBlocking),
                () -> on(fd, null, () -> backend.setNonBlocking(fd, nonBlocking)));
    }

    @Override
    public boolean isNonBlocking(int fd) throws ErrnoException {
        return observed(new Invocation.IsNonBlocking(fd), () -> on(fd, null, () -> backend.isNonBlocking(fd)));
    }

    @Override
    public List<Set<PollEvent>> poll(List<PollFd> fds, int timeoutMillis) throws ErrnoException {
        present("poll", "fds", fds);
        for (PollFd p : fds) {
            present("poll", "an entry of fds", p);
        }
        List<PollFd> copy = List.copyOf(fds);
        return observed(new Invocation.Poll(copy, timeoutMillis), () -> {
            if (copy.size() > MAX_POLL_FDS) {
                throw new ErrnoException("poll", Errno.EINVAL); // Linux: nfds above RLIMIT_NOFILE
            }
            return backend.poll(copy, timeoutMillis);
        });
    }

    @Override
    public int send(int fd, byte[] data) throws ErrnoException {
        present("send", "data", data);
        return observed(new Invocation.Send(fd, data), () -> on(fd, null, () -> backend.send(fd, data)));
    }

    @Override
    public int recv(int fd, byte[] buffer) throws ErrnoException {
        present("recv", "buffer", buffer);
        return observed(new Invocation.Recv(fd, buffer), () -> on(fd, null, () -> backend.recv(fd, buffer)));
    }

    @Override
    public int sendto(int fd, byte[] data, SockAddr to) throws ErrnoException {
        present("sendto", "data", data);
        present("sendto", "to", to);
        return observed(new Invocation.SendTo(fd, data, to), () -> on(fd, to, () -> backend.sendto(fd, data, to)));
    }

    @Override
    public Datagram recvfrom(int fd, int maxLength) throws ErrnoException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("recvfrom: maxLength must be 0 or more, not " + maxLength);
        }
        int length = Math.min(maxLength, MAX_RECEIVE); // the kit allocates the buffer: never more than this
        return observed(new Invocation.RecvFrom(fd, length), () -> on(fd, null, () -> backend.recvfrom(fd, length)));
    }

    @Override
    public void shutdown(int fd, ShutdownHow how) throws ErrnoException {
        present("shutdown", "how", how);
        observedVoid(new Invocation.Shutdown(fd, how), () -> on(fd, null, () -> backend.shutdown(fd, how)));
    }

    @Override
    public int open(Path path) throws ErrnoException {
        present("open", "path", path);
        return observed(new Invocation.Open(path), () -> backend.open(path));
    }

    @Override
    public void close(int fd) throws ErrnoException {
        observedVoid(new Invocation.Close(fd), () -> on(fd, null, () -> backend.close(fd)));
    }

    @Override
    public void alarm(Duration delay) {
        present("alarm", "delay", delay);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("alarm: the delay must not be negative (setitimer() gives EINVAL): "
                    + delay);
        }
        try {
            observed(new Invocation.Alarm(delay), () -> {
                backend.alarm(delay);
                return null;
            });
        } catch (ErrnoException e) {
            throw new IllegalStateException("setitimer() cannot fail with an errno here: " + e.getMessage(), e);
        }
    }

    @Override
    public InstantSource clock() {
        return backend.clock();
    }

    @Override
    public List<Integer> openDescriptors() {
        return backend.openDescriptors();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "Sockets(" + backend.backend() + ")";
    }
}
