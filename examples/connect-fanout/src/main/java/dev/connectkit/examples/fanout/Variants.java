package dev.connectkit.examples.fanout;

import dev.connectkit.internal.libc.EpollLoopCalls;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The fan-out variants: the same {@code n} targets, at most {@code window} connections in flight, each closed with
 * SO_LINGER 0 (a reset, so no TIME_WAIT fills the port range), each silent one abandoned after {@code timeout}.
 */
final class Variants {
    private Variants() {
    }

    static final String SEQUENTIAL = "sequential blocking";
    static final String SELECTOR = "Selector, one thread";
    static final String VIRTUAL_THREADS = "virtual threads";
    static final String KIT_POLL = "native backend, poll()";
    static final String FFM_EPOLL = "FFM epoll loop";
    static final String C_EPOLL = "C, epoll";
    static final String SIMULATED = "simulated network, poll()";

    /** 1. One blocking connect after the other: each silent endpoint costs the whole timeout. */
    static Outcomes sequential(Endpoints e, int n, Duration timeout) throws IOException {
        Tally t = new Tally(System::nanoTime);
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0);
                s.connect(e.target(i), (int) timeout.toMillis());
                t.connected();
            } catch (SocketTimeoutException silent) {
                t.timedOut();
            } catch (ConnectException refused) {
                t.refused();
            }
        }
        return t.outcomes(SEQUENTIAL);
    }

    /** 2. One thread, non-blocking connects, a Selector waiting for OP_CONNECT. */
    static Outcomes selector(Endpoints e, int n, Duration timeout, int window) throws IOException {
        record Pending(long deadline) {
        }
        Tally t = new Tally(System::nanoTime);
        int started = 0;
        try (Selector selector = Selector.open()) {
            while (t.settled() < n) {
                while (started < n && selector.keys().size() < window) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.connect(e.target(started++));
                    c.register(selector, SelectionKey.OP_CONNECT, new Pending(System.nanoTime() + timeout.toNanos()));
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) key.channel();
                    try {
                        c.finishConnect();
                        t.connected();
                    } catch (ConnectException refusedNow) {
                        t.refused();
                    }
                    key.cancel();
                    c.close();
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    if (key.isValid() && ((Pending) key.attachment()).deadline() <= now) {
                        key.cancel();
                        key.channel().close();
                        t.timedOut();
                    }
                }
                selector.selectNow(); // flushes the cancelled keys, so keys().size() counts what is in flight
            }
        }
        return t.outcomes(SELECTOR);
    }

    /** 3. A virtual thread per connection, each a blocking connect with a timeout. */
    static Outcomes virtualThreads(Endpoints e, int n, Duration timeout, int window)
            throws IOException, InterruptedException {
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicLong lastAnswered = new AtomicLong();
        Semaphore inFlight = new Semaphore(window);
        long start = System.nanoTime();
        lastAnswered.set(start);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                InetSocketAddress target = e.target(i);
                inFlight.acquire();
                all.add(threads.submit(() -> {
                    try (Socket s = new Socket()) {
                        s.setSoLinger(true, 0);
                        s.connect(target, (int) timeout.toMillis());
                        connected.incrementAndGet();
                        lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                    } catch (SocketTimeoutException silent) {
                        timedOut.incrementAndGet();
                    } catch (ConnectException refusedNow) {
                        refused.incrementAndGet();
                        lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
                }
            }
        }
        long end = System.nanoTime();
        return new Outcomes(VIRTUAL_THREADS, connected.get(), refused.get(), timedOut.get(),
                Duration.ofNanos(lastAnswered.get() - start), Duration.ofNanos(end - start));
    }

    /**
     * 4. The kit's API, as a student writes it: non-blocking connect() (S-11), poll() for writability and SO_ERROR
     * (S-13). It runs on the native backend, and with {@code --simulated} on the simulated network, where
     * {@code nanos} is the virtual clock. Each pass rebuilds the pollfd list, as a poll() loop must.
     */
    static Outcomes kitPoll(String variant, Sockets s, IntFunction<SockAddr> target, int n, Duration timeout,
                            int window, java.util.function.LongSupplier nanos, Runnable eachPass) throws ErrnoException {
        record InFlight(int fd, long deadline) {
        }
        Tally t = new Tally(nanos);
        int started = 0;
        List<InFlight> pending = new ArrayList<>();
        while (t.settled() < n) {
            while (started < n && pending.size() < window) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(fd, true);
                s.setsockopt(fd, SocketOption.SO_LINGER, 0);
                try {
                    s.connect(fd, target.apply(started++));
                    t.connected();
                    s.close(fd);
                } catch (ErrnoException ex) {
                    if (ex.errno() == Errno.ECONNREFUSED) {
                        t.refused();
                        s.close(fd);
                    } else if (ex.errno() == Errno.EINPROGRESS) {
                        pending.add(new InFlight(fd, nanos.getAsLong() + timeout.toNanos()));
                    } else {
                        s.close(fd);
                        throw ex;
                    }
                }
            }
            List<PollFd> fds = new ArrayList<>(pending.size());
            for (InFlight p : pending) {
                fds.add(new PollFd(p.fd(), EnumSet.of(PollEvent.POLLOUT)));
            }
            List<Set<PollEvent>> revents = s.poll(fds, 10);
            long now = nanos.getAsLong();
            List<InFlight> still = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                InFlight p = pending.get(i);
                if (!revents.get(i).isEmpty()) {
                    int error = s.getsockopt(p.fd(), SocketOption.SO_ERROR);
                    if (error == 0) {
                        t.connected();
                    } else if (error == Errno.ECONNREFUSED.number()) {
                        t.refused();
                    } else {
                        throw new ErrnoException("connect", Errno.forNumber(error).orElseThrow());
                    }
                    s.close(p.fd());
                } else if (p.deadline() <= now) {
                    t.timedOut();
                    s.close(p.fd());
                } else {
                    still.add(p);
                }
            }
            pending = still;
            eachPass.run();
        }
        return t.outcomes(variant);
    }

    /**
     * 5. C's epoll loop, call for call, through FFM: socket(SOCK_NONBLOCK), connect(), epoll_ctl(ADD); on EPOLLOUT
     * SO_ERROR, epoll_ctl(DEL), close; deadlines in an array indexed by descriptor, scanned each pass. What it
     * costs beyond {@code fanout.c} is the cost of FFM downcalls and of the JIT, nothing else.
     */
    static Outcomes ffmEpoll(Endpoints e, int n, Duration timeout, int window) throws ErrnoException {
        Tally t = new Tally(System::nanoTime);
        try (EpollLoopCalls c = new EpollLoopCalls(256)) {
            MemorySegment silent = c.sockaddr(SockAddr.loopback(e.silentAddress.getPort()));
            MemorySegment refusing = c.sockaddr(SockAddr.loopback(e.refuseAddress.getPort()));
            MemorySegment[] accepting = new MemorySegment[Endpoints.ACCEPTING];
            for (int i = 0; i < accepting.length; i++) {
                accepting[i] = c.sockaddr(SockAddr.loopback(e.acceptAddresses[i].getPort()));
            }
            int inProgress = Errno.EINPROGRESS.linuxNumber();
            int refused = Errno.ECONNREFUSED.linuxNumber();
            int ep = check(c, "epoll_create1", c.epoll_create1());
            long[] deadline = new long[1024];
            int started = 0;
            int inFlight = 0;
            int maxFd = 0;
            try {
                while (t.settled() < n) {
                    while (started < n && inFlight < window) {
                        int fd = check(c, "socket", c.socket(EpollLoopCalls.AF_INET, EpollLoopCalls.SOCK_STREAM_NONBLOCK));
                        int i = started++;
                        int mod = i % 20;
                        MemorySegment to = mod == 0 ? silent : mod == 1 ? refusing : accepting[i % accepting.length];
                        if (c.connect(fd, to) == 0) {
                            t.connected();
                            c.lingerZero(fd);
                            c.close(fd);
                            continue;
                        }
                        if (c.errno() == refused) {
                            t.refused();
                            c.close(fd);
                            continue;
                        }
                        if (c.errno() != inProgress) {
                            check(c, "connect", -1);
                        }
                        check(c, "epoll_ctl", c.epoll_ctl(ep, EpollLoopCalls.EPOLL_CTL_ADD, fd, EpollLoopCalls.EPOLLOUT));
                        if (fd >= deadline.length) {
                            deadline = Arrays.copyOf(deadline, Math.max(fd + 1, deadline.length * 2));
                        }
                        deadline[fd] = System.nanoTime() + timeout.toNanos();
                        maxFd = Math.max(maxFd, fd);
                        inFlight++;
                    }
                    int ready = check(c, "epoll_wait", c.epoll_wait(ep, 10));
                    for (int i = 0; i < ready; i++) {
                        int fd = c.readyFd(i);
                        int error = c.soError(fd);
                        if (error == 0) {
                            t.connected();
                        } else if (error == refused) {
                            t.refused();
                        } else {
                            throw new ErrnoException("connect", Errno.forNumber(error).orElseThrow());
                        }
                        c.epoll_ctl(ep, EpollLoopCalls.EPOLL_CTL_DEL, fd, 0);
                        deadline[fd] = 0;
                        c.lingerZero(fd);
                        c.close(fd);
                        inFlight--;
                    }
                    long now = System.nanoTime();
                    for (int fd = 0; fd <= maxFd && inFlight > 0; fd++) {
                        if (deadline[fd] != 0 && deadline[fd] <= now) {
                            c.epoll_ctl(ep, EpollLoopCalls.EPOLL_CTL_DEL, fd, 0);
                            deadline[fd] = 0;
                            c.close(fd);
                            t.timedOut();
                            inFlight--;
                        }
                    }
                }
            } finally {
                c.close(ep);
            }
        }
        return t.outcomes(FFM_EPOLL);
    }

    private static int check(EpollLoopCalls c, String call, int result) throws ErrnoException {
        if (result == -1) {
            int errno = c.errno();
            throw new ErrnoException(call, Errno.forNumber(errno).orElseThrow(
                    () -> new IllegalStateException(call + " failed with errno " + errno)));
        }
        return result;
    }
}
