package dev.connectkit.examples.fanout;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The benchmark's loopback peers: {@value #ACCEPTING} listeners that accept (a thread each drains its queue), a
 * port where nothing listens, and a listener whose accept queue is full, so it never answers a SYN. Target
 * {@code i} is the silent one when {@code i % 20 == 0}, the refusing one when {@code i % 20 == 1}, and accepting
 * listener {@code i % 4} otherwise: 90% connect, 5% are refused, 5% time out.
 *
 * <p>Why four accepting listeners: a connection the client has already reset still waits in its listener's accept
 * queue until accepted, and the queue holds at most {@code net.core.somaxconn} (4,096). On a busy machine one
 * acceptor thread falls behind a fast client by more than that, the kernel drops the next SYNs, and connections
 * that should have been accepted time out. Four queues absorb a whole default round (9,000 accepted) even if
 * the acceptors stall.
 */
final class Endpoints implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    static final int ACCEPTING = 4;

    private final ServerSocketChannel[] accepting = new ServerSocketChannel[ACCEPTING];
    private final Thread[] acceptors = new Thread[ACCEPTING];
    private final Sockets kit;
    private final SaturatedListener silent;
    final InetSocketAddress[] acceptAddresses = new InetSocketAddress[ACCEPTING];
    final InetSocketAddress refuseAddress;
    final InetSocketAddress silentAddress;
    private final SockAddr[] acceptKit = new SockAddr[ACCEPTING];
    private final SockAddr refuseKit;
    private final SockAddr silentKit;

    Endpoints() throws IOException, ErrnoException {
        for (int i = 0; i < ACCEPTING; i++) {
            ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0), 4096);
            accepting[i] = listener;
            acceptAddresses[i] = (InetSocketAddress) listener.getLocalAddress();
            acceptKit[i] = SockAddr.loopback(acceptAddresses[i].getPort());
            acceptors[i] = Thread.ofPlatform().name("fanout-acceptor-" + i).daemon().start(() -> drain(listener));
        }
        kit = Sockets.nativeLibc();
        refuseAddress = new InetSocketAddress(LOOPBACK, Loopback.closedPort(kit).port());
        silent = SaturatedListener.open(kit);
        silentAddress = new InetSocketAddress(LOOPBACK, silent.address().port());
        refuseKit = SockAddr.loopback(refuseAddress.getPort());
        silentKit = SockAddr.loopback(silentAddress.getPort());
    }

    private static void drain(ServerSocketChannel listener) {
        try {
            while (true) {
                listener.accept().close();
            }
        } catch (IOException closed) {
            // the listener was closed: the benchmark is over
        }
    }

    InetSocketAddress target(int i) {
        return i % 20 == 0 ? silentAddress : i % 20 == 1 ? refuseAddress : acceptAddresses[i % ACCEPTING];
    }

    /** Target {@code i} as the kit's API takes it. */
    SockAddr kitTarget(int i) {
        return i % 20 == 0 ? silentKit : i % 20 == 1 ? refuseKit : acceptKit[i % ACCEPTING];
    }

    /** The outcome counts the mix must produce for {@code n} targets: connected, refused, timed out. */
    static int[] expected(int n) {
        int silentCount = (n + 19) / 20;
        int refusedCount = (n + 18) / 20;
        return new int[] {n - silentCount - refusedCount, refusedCount, silentCount};
    }

    @Override
    public void close() {
        try {
            for (int i = 0; i < ACCEPTING; i++) {
                accepting[i].close();
                acceptors[i].join(5_000);
            }
            silent.close();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not close the benchmark's peers", e);
        } finally {
            kit.close();
        }
    }
}
