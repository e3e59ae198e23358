package dev.connectkit.bench;

import dev.connectkit.examples.fanout.CReference;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One blocking loopback connect() + close() through each layer, measured by JMH in one run: the C loop (compiled
 * from the fan-out module's fanout.c into a shared library and called in this very JVM), the kit's native
 * backend, the kit's nio backend, SocketChannel, java.net.Socket, and the kit's simulated network, each call timed
 * on its own (SampleTime) so the median is at hand. Each closes
 * with SO_LINGER 0 (a reset), so no TIME_WAIT accumulates over millions of calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConnectClose {
    /**
     * Connections per call of the C loop: one, so that each of its calls is timed alone like every other layer's
     * (a median of batches is not a median of calls); the FFM downcall into it costs tens of nanoseconds, under
     * 0.1% of a loopback connect().
     */
    static final int C_BATCH = 1;

    /**
     * Listeners, each drained by its own thread, taken in turn. A connection waits in its listener's accept queue
     * (at most 4,096) until accepted; on a busy machine one acceptor falls that far behind and the kernel drops
     * SYNs, which costs a blocking connect() a second. Four queues and four acceptors keep that out.
     */
    static final int LISTENERS = 4;

    private final ServerSocketChannel[] listeners = new ServerSocketChannel[LISTENERS];
    private final Thread[] acceptors = new Thread[LISTENERS];
    private final InetSocketAddress[] addresses = new InetSocketAddress[LISTENERS];
    private final SockAddr.In[] kitAddresses = new SockAddr.In[LISTENERS];
    private int next;
    private Sockets nativeKit;
    private Sockets nioKit;
    private Optional<CReference> c = Optional.empty();
    private Arena libraryArena;
    private MethodHandle cLoop;

    private SimNetwork net;
    private Sockets sim;
    private int simListener;
    private SockAddr.In simAddress;

    @Setup(Level.Trial)
    @SuppressWarnings("restricted") // links the C loop's shared library; the fork runs with native access enabled
    public void listen() throws Exception {
        for (int i = 0; i < LISTENERS; i++) {
            ServerSocketChannel listener = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 4096);
            listeners[i] = listener;
            addresses[i] = (InetSocketAddress) listener.getLocalAddress();
            kitAddresses[i] = SockAddr.loopback(addresses[i].getPort());
            acceptors[i] = Thread.ofPlatform().name("bench-acceptor-" + i).daemon().start(() -> {
                try {
                    while (true) {
                        listener.accept().close();
                    }
                } catch (IOException closed) {
                    // the trial is over
                }
            });
        }
        if (Sockets.nativeUnavailableReason().isEmpty()) {
            nativeKit = Sockets.nativeLibc();
            c = CReference.compile(new StringBuilder(), true);
            if (c.isPresent()) {
                libraryArena = Arena.ofShared();
                cLoop = Linker.nativeLinker().downcallHandle(
                        SymbolLookup.libraryLookup(c.get().sharedLibrary(), libraryArena)
                                .findOrThrow("connectkit_connect_close"),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
            }
        }
        nioKit = Sockets.nio();
    }

    /** A fresh simulated network per iteration: its trace grows with every call (issue 13 bounds it). */
    @Setup(Level.Iteration)
    public void simulate() throws ErrnoException {
        net = SimNetwork.create();
        sim = net.open();
        simListener = dev.connectkit.lab.Loopback.tcpListener(sim, 4096);
        simAddress = dev.connectkit.lab.Loopback.addressOf(sim, simListener);
    }

    @TearDown(Level.Iteration)
    public void endSimulation() throws ErrnoException {
        sim.close(simListener);
        sim.close();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        for (int i = 0; i < LISTENERS; i++) {
            listeners[i].close();
            acceptors[i].join(5_000);
        }
        if (nativeKit != null) {
            nativeKit.close();
        }
        nioKit.close();
        if (libraryArena != null) {
            libraryArena.close();
        }
        c.ifPresent(CReference::close);
    }

    /** The C loop: socket, connect, setsockopt(SO_LINGER 0), close, in C. */
    @Benchmark
    public int cLoop() throws Throwable {
        if (cLoop == null) {
            throw new IllegalStateException("no C compiler: the C loop cannot run here");
        }
        int errno = (int) cLoop.invokeExact(addresses[next++ & (LISTENERS - 1)].getPort(), C_BATCH);
        if (errno != 0) {
            throw new IOException("the C loop failed with errno " + errno);
        }
        return errno;
    }

    /** The kit's native backend: the same four calls through its public API (FFM, errno per call). */
    @Benchmark
    public int nativeBackend() throws ErrnoException {
        int fd = nativeKit.socket(AF_INET, SOCK_STREAM);
        nativeKit.connect(fd, kitAddresses[next++ & (LISTENERS - 1)]);
        nativeKit.setsockopt(fd, SocketOption.SO_LINGER, 0);
        nativeKit.close(fd);
        return fd;
    }

    /** The kit's nio backend: the same calls, mapped onto java.nio. */
    @Benchmark
    public int nioBackend() throws ErrnoException {
        int fd = nioKit.socket(AF_INET, SOCK_STREAM);
        nioKit.connect(fd, kitAddresses[next++ & (LISTENERS - 1)]);
        nioKit.setsockopt(fd, SocketOption.SO_LINGER, 0);
        nioKit.close(fd);
        return fd;
    }

    /** java.nio's SocketChannel directly. */
    @Benchmark
    public boolean socketChannel() throws IOException {
        try (SocketChannel ch = SocketChannel.open(addresses[next++ & (LISTENERS - 1)])) {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            return ch.isConnected();
        }
    }

    /** java.net.Socket. */
    @Benchmark
    public boolean javaNetSocket() throws IOException {
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0);
            s.connect(addresses[next++ & (LISTENERS - 1)]);
            return s.isConnected();
        }
    }

    /** The kit's simulated network: connect, accept, and both closes, in virtual time. */
    @Benchmark
    public int simulator() throws ErrnoException {
        int fd = sim.socket(AF_INET, SOCK_STREAM);
        sim.connect(fd, simAddress);
        sim.close(sim.accept(simListener));
        sim.close(fd);
        return fd;
    }
}
