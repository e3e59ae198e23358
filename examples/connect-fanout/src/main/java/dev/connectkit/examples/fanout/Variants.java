package dev.connectkit.examples.fanout;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The ways to connect to many endpoints, each with a deadline per connection. Every connection is closed with
 * SO_LINGER 0 (RST), so no TIME_WAIT piles up; at most {@code window} are in flight at once, which bounds the
 * descriptors used.
 */
final class Variants {
    private Variants() {
    }

    /** 1. One blocking connect after the other: each silent endpoint costs the whole timeout. */
    static Outcomes sequential(Endpoints e, int n, Duration timeout) throws IOException {
        int connected = 0;
        int refused = 0;
        int timedOut = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0);
                s.connect(e.target(i), (int) timeout.toMillis());
                connected++;
            } catch (SocketTimeoutException t) {
                timedOut++;
            } catch (ConnectException c) {
                refused++;
            }
        }
        return new Outcomes("sequential blocking", connected, refused, timedOut, since(start),
                "n=" + n + ": " + timedOut + " timeouts x " + timeout.toMillis() + " ms");
    }

    /** 2. One thread, non-blocking connects, a Selector waiting for OP_CONNECT. */
    static Outcomes selector(Endpoints e, int n, Duration timeout, int window) throws IOException {
        int connected = 0;
        int refused = 0;
        int timedOut = 0;
        int started = 0;
        long start = System.nanoTime();
        record Pending(SocketChannel channel, long deadline) {
        }
        try (Selector selector = Selector.open()) {
            while (connected + refused + timedOut < n) {
                while (started < n && selector.keys().size() < window) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.connect(e.target(started++));
                    c.register(selector, SelectionKey.OP_CONNECT, new Pending(c, System.nanoTime() + timeout.toNanos()));
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) key.channel();
                    try {
                        c.finishConnect();
                        connected++;
                    } catch (ConnectException refusedNow) {
                        refused++;
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
                        timedOut++;
                    }
                }
                selector.selectNow();
            }
        }
        return new Outcomes("Selector, one thread", connected, refused, timedOut, since(start), "window " + window);
    }

    /** 3. A virtual thread per connection, each a blocking connect with a timeout. */
    static Outcomes virtualThreads(Endpoints e, int n, Duration timeout, int window) throws Exception {
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        Semaphore inFlight = new Semaphore(window);
        long start = System.nanoTime();
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
                    } catch (SocketTimeoutException t) {
                        timedOut.incrementAndGet();
                    } catch (ConnectException c) {
                        refused.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return new Outcomes("virtual threads", connected.get(), refused.get(), timedOut.get(), since(start),
                "window " + window);
    }

    /** 4. The kit's native backend: non-blocking connect() and a poll() loop, as a C program would. */
    static Outcomes nativePoll(Endpoints e, int n, Duration timeout, int window) throws ErrnoException {
        int connected = 0;
        int refused = 0;
        int timedOut = 0;
        int started = 0;
        long start = System.nanoTime();
        record InFlight(int fd, long deadline) {
        }
        List<InFlight> pending = new ArrayList<>();
        try (Sockets s = Sockets.nativeLibc()) {
            while (connected + refused + timedOut < n) {
                while (started < n && pending.size() < window) {
                    InetSocketAddress t = e.target(started++);
                    int fd = s.socket(AF_INET, SOCK_STREAM);
                    s.setNonBlocking(fd, true);
                    s.setsockopt(fd, SocketOption.SO_LINGER, 0);
                    try {
                        s.connect(fd, SockAddr.loopback(t.getPort()));
                        connected++;
                        s.close(fd);
                    } catch (ErrnoException ex) {
                        if (ex.errno() != Errno.EINPROGRESS) {
                            refused++;
                            s.close(fd);
                        } else {
                            pending.add(new InFlight(fd, System.nanoTime() + timeout.toNanos()));
                        }
                    }
                }
                List<PollFd> fds = new ArrayList<>(pending.size());
                for (InFlight p : pending) {
                    fds.add(new PollFd(p.fd(), EnumSet.of(PollEvent.POLLOUT)));
                }
                List<java.util.Set<PollEvent>> revents = s.poll(fds, 10);
                long now = System.nanoTime();
                List<InFlight> still = new ArrayList<>(pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    InFlight p = pending.get(i);
                    if (!revents.get(i).isEmpty()) {
                        if (s.getsockopt(p.fd(), SocketOption.SO_ERROR) == 0) {
                            connected++;
                        } else {
                            refused++;
                        }
                        s.close(p.fd());
                    } else if (p.deadline() <= now) {
                        timedOut++;
                        s.close(p.fd());
                    } else {
                        still.add(p);
                    }
                }
                pending = still;
            }
        }
        return new Outcomes("native backend, poll()", connected, refused, timedOut, since(start), "window " + window);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
