package dev.connectkit.examples.fanout;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * The cost of one blocking loopback connect() + close() through each layer: a warm-up round, then the median of
 * three measured rounds, in microseconds per call. Closing with SO_LINGER 0 keeps TIME_WAIT out of the picture.
 */
final class PerCallCost {
    private PerCallCost() {
    }

    @FunctionalInterface
    interface Round {
        long micros(int n) throws Exception;
    }

    static double microsPerCall(Round round, int n) throws Exception {
        round.micros(Math.max(1, n / 4)); // warm-up: JIT, caches
        long[] rounds = new long[3];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = round.micros(n);
        }
        Arrays.sort(rounds);
        return rounds[1] / (double) n;
    }

    static long nativeBackend(Sockets s, InetSocketAddress server, int n) throws ErrnoException {
        SockAddr.In address = SockAddr.loopback(server.getPort());
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.connect(fd, address);
            s.setsockopt(fd, SocketOption.SO_LINGER, 0);
            s.close(fd);
        }
        return (System.nanoTime() - start) / 1000;
    }

    static long socketChannel(InetSocketAddress server, int n) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (SocketChannel c = SocketChannel.open(server)) {
                c.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        }
        return (System.nanoTime() - start) / 1000;
    }

    static long socket(InetSocketAddress server, int n) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0);
                s.connect(server);
            }
        }
        return (System.nanoTime() - start) / 1000;
    }
}
