package dev.connectkit.sim;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The simulator at scale, one workload per run, in a JVM of its own so that its heap limit is the workload's:
 * {@link SimScaleTest} starts it with a small {@code -Xmx} and reads the one line it prints, {@code key=value}
 * pairs: the counts the test asserts, and wall time, virtual time and peak heap for a reader.
 *
 * <pre>
 * java -Xmx64m -cp core/target/classes:core/target/test-classes dev.connectkit.sim.SimScale cycles 1000000
 * java -Xmx512m -cp … dev.connectkit.sim.SimScale pending 100000
 * java -Xmx256m -cp … dev.connectkit.sim.SimScale ports 1000
 * </pre>
 */
public final class SimScale {
    private SimScale() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SimScale cycles|pending|ports COUNT");
            System.exit(2);
        }
        int count = Integer.parseInt(args[1]);
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        Map<String, Object> result = switch (args[0]) {
            case "cycles" -> cycles(count);
            case "pending" -> pending(count);
            case "ports" -> ports(count);
            default -> {
                System.err.println("unknown workload " + args[0]);
                System.exit(2);
                yield Map.of();
            }
        };
        result.put("wallMillis", (System.nanoTime() - start) / 1_000_000);
        result.put("peakHeapMiB", heap.stop() >> 20);
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        StringBuilder line = new StringBuilder();
        result.forEach((k, v) -> line.append(line.isEmpty() ? "" : " ").append(k).append('=').append(v));
        System.out.println(line);
    }

    /** {@code n} connections in a row to one loopback listener: connect, accept, close both (the server first). */
    static Map<String, Object> cycles(int n) throws ErrnoException {
        SimNetwork net = SimNetwork.create();
        long accepted = 0;
        List<Long> retained = new ArrayList<>();
        int checkpoint = Math.max(1, n / 10);
        try (Sockets s = net.open()) {
            int listener = Loopback.tcpListener(s, 128);
            SockAddr.In address = Loopback.addressOf(s, listener);
            for (int i = 0; i < n; i++) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                s.connect(fd, address);
                s.close(s.accept(listener));
                accepted++;
                s.close(fd);
                if ((i + 1) % checkpoint == 0) {
                    retained.add(retainedMiB()); // what the simulation keeps alive, each tenth of the way
                }
            }
            s.close(listener);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cycles", accepted);
        result.put("retainedMiB", retained.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
        result.put("virtual", net.now());
        result.put("traceKept", net.trace().size());
        result.put("openSockets", net.openSockets().size());
        return result;
    }

    /**
     * {@code n} non-blocking connects issued at once across a 10 ms link to four listeners (backlog 4096 each),
     * all pending together; then the server accepts while the client collects each attempt's result.
     */
    static Map<String, Object> pending(int n) throws ErrnoException {
        SimNetwork net = SimNetwork.create().localAddresses("192.0.2.10").host("server", "198.51.100.20");
        int listeners = 4;
        long connected = 0;
        long failed = 0;
        int peakPending;
        try (Sockets server = net.open("server"); Sockets client = net.open()) {
            List<Integer> listening = new ArrayList<>();
            List<SockAddr.In> addresses = new ArrayList<>();
            for (int i = 0; i < listeners; i++) {
                addresses.add(SockAddr.inet("198.51.100.20", 8000 + i));
                int l = server.socket(AF_INET, SOCK_STREAM);
                server.bind(l, addresses.get(i));
                server.listen(l, 4096);
                server.setNonBlocking(l, true);
                listening.add(l);
            }
            List<Integer> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int fd = client.socket(AF_INET, SOCK_STREAM);
                client.setNonBlocking(fd, true);
                try {
                    client.connect(fd, addresses.get(i % listeners));
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EINPROGRESS) {
                        throw e;
                    }
                }
                pending.add(fd);
            }
            peakPending = pending.size();
            while (!pending.isEmpty()) {
                for (int l : listening) {
                    while (true) {
                        try {
                            server.close(server.accept(l));
                        } catch (ErrnoException e) {
                            if (e.errno() != Errno.EAGAIN) {
                                throw e;
                            }
                            break;
                        }
                    }
                }
                List<Integer> still = new ArrayList<>(pending.size());
                for (int from = 0; from < pending.size(); from += Sockets.MAX_POLL_FDS) {
                    List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + Sockets.MAX_POLL_FDS));
                    List<PollFd> polled = chunk.stream().map(PollFd::writable).toList();
                    List<Set<PollEvent>> ready = client.poll(polled, 0);
                    for (int i = 0; i < chunk.size(); i++) {
                        int fd = chunk.get(i);
                        if (ready.get(i).isEmpty()) {
                            still.add(fd);
                        } else {
                            if (client.getsockopt(fd, SocketOption.SO_ERROR) == 0) {
                                connected++;
                            } else {
                                failed++;
                            }
                            client.close(fd);
                        }
                    }
                }
                pending = still;
                if (!pending.isEmpty()) {
                    // let virtual time run until a listener has a connection to accept
                    server.poll(listening.stream().map(PollFd::readable).toList(), 5_000);
                }
            }
            for (int l : listening) {
                server.close(l);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connects", n);
        result.put("peakPending", peakPending);
        result.put("connected", connected);
        result.put("failed", failed);
        result.put("virtual", net.now());
        result.put("openSockets", net.openSockets().size());
        return result;
    }

    /**
     * Fills the whole ephemeral range, then asks for more: {@code attempts} TCP connects (EADDRNOTAVAIL), bind()s
     * to port 0 (EADDRINUSE) and UDP implicit binds (EAGAIN), each timed.
     */
    static Map<String, Object> ports(int attempts) throws ErrnoException {
        SimNetwork net = SimNetwork.create();
        int[] range = net.ephemeralPortRange();
        int size = range[1] - range[0] + 1;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("range", size);
        try (Sockets s = net.open()) {
            int listener = s.socket(AF_INET, SOCK_STREAM);
            s.bind(listener, SockAddr.loopback(80)); // outside the range: every ephemeral port is the clients'
            s.listen(listener, 4096);
            SockAddr.In server = SockAddr.loopback(80);
            int tcp = 0;
            while (true) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                try {
                    s.connect(fd, server);
                } catch (ErrnoException e) {
                    s.close(fd);
                    result.put("tcpFullWith", e.errno().name());
                    break;
                }
                tcp++;
                s.accept(listener); // kept open, so the client's port stays in use
            }
            result.put("tcpConnected", tcp);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            result.put("tcpMicrosPerRefusal", timePerAttempt(attempts, () -> s.connect(fd, server), Errno.EADDRNOTAVAIL));
            int bound = s.socket(AF_INET, SOCK_STREAM);
            result.put("bindMicrosPerRefusal",
                    timePerAttempt(attempts, () -> s.bind(bound, SockAddr.loopback(0)), Errno.EADDRINUSE));

            int peer = s.socket(AF_INET, SOCK_DGRAM);
            s.bind(peer, SockAddr.loopback(53));
            int udp = 0;
            while (true) {
                int u = s.socket(AF_INET, SOCK_DGRAM);
                try {
                    s.connect(u, SockAddr.loopback(53));
                } catch (ErrnoException e) {
                    s.close(u);
                    result.put("udpFullWith", e.errno().name());
                    break;
                }
                udp++;
            }
            result.put("udpBound", udp);
            int u = s.socket(AF_INET, SOCK_DGRAM);
            result.put("udpMicrosPerRefusal",
                    timePerAttempt(attempts, () -> s.send(u, new byte[1]), Errno.EAGAIN));
        }
        result.put("virtual", net.now());
        result.put("openSockets", net.openSockets().size());
        return result;
    }

    /** The heap still in use after a full collection: the live set. */
    private static long retainedMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws ErrnoException;
    }

    /** Wall microseconds per attempt, each of which must fail with {@code expected}. */
    private static long timePerAttempt(int attempts, Attempt attempt, Errno expected) {
        long start = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            try {
                attempt.run();
                throw new IllegalStateException("attempt " + i + " succeeded; expected " + expected);
            } catch (ErrnoException e) {
                if (e.errno() != expected) {
                    throw new IllegalStateException("attempt " + i + " failed with " + e.errno() + ", not " + expected);
                }
            }
        }
        return Duration.ofNanos(System.nanoTime() - start).toNanos() / 1_000 / Math.max(1, attempts);
    }

    /** The most heap in use seen while the workload ran, sampled every millisecond by a daemon thread. */
    private static final class HeapWatch {
        private volatile long peak;
        private volatile boolean running = true;
        private final Thread thread;

        private HeapWatch() {
            thread = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                    peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                    try {
                        Thread.sleep(1); // sampling, not synchronisation: it only reads the heap's size
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            Runtime rt = Runtime.getRuntime();
            return Math.max(peak, rt.totalMemory() - rt.freeMemory());
        }
    }
}
