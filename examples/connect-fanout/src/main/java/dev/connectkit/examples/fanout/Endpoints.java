package dev.connectkit.examples.fanout;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The benchmark's three loopback peers: a listener that accepts (a thread drains its queue), a port where nothing
 * listens, and a listener whose accept queue is full, so it never answers a SYN. Target {@code i} is the silent
 * one when {@code i % 20 == 0}, the refusing one when {@code i % 20 == 1}, and the accepting one otherwise: 90%
 * connect, 5% are refused, 5% time out.
 */
final class Endpoints implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final ServerSocketChannel accepting;
    private final Thread acceptor;
    private final Sockets kit;
    private final SaturatedListener silent;
    final InetSocketAddress acceptAddress;
    final InetSocketAddress refuseAddress;
    final InetSocketAddress silentAddress;
    private final SockAddr acceptKit;
    private final SockAddr refuseKit;
    private final SockAddr silentKit;

    Endpoints() throws IOException, ErrnoException {
        accepting = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0), 4096);
        acceptAddress = (InetSocketAddress) accepting.getLocalAddress();
        acceptor = Thread.ofPlatform().name("fanout-acceptor").daemon().start(this::drain);
        kit = Sockets.nativeLibc();
        refuseAddress = new InetSocketAddress(LOOPBACK, Loopback.closedPort(kit).port());
        silent = SaturatedListener.open(kit);
        silentAddress = new InetSocketAddress(LOOPBACK, silent.address().port());
        acceptKit = SockAddr.loopback(acceptAddress.getPort());
        refuseKit = SockAddr.loopback(refuseAddress.getPort());
        silentKit = SockAddr.loopback(silentAddress.getPort());
    }

    private void drain() {
        try {
            while (true) {
                SocketChannel c = accepting.accept();
                c.close();
            }
        } catch (IOException closed) {
            // the listener was closed: the benchmark is over
        }
    }

    InetSocketAddress target(int i) {
        return i % 20 == 0 ? silentAddress : i % 20 == 1 ? refuseAddress : acceptAddress;
    }

    /** Target {@code i} as the kit's API takes it. */
    SockAddr kitTarget(int i) {
        return i % 20 == 0 ? silentKit : i % 20 == 1 ? refuseKit : acceptKit;
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
            accepting.close();
            acceptor.join(5_000);
            silent.close();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not close the benchmark's peers", e);
        } finally {
            kit.close();
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
