package dev.connectkit.exercises.happyeyeballs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Exercise 08, reference solution. */
public final class HappyEyeballs {
    private HappyEyeballs() {
    }

    public static SocketChannel connect(List<InetSocketAddress> candidates, Duration attemptDelay) throws IOException {
        List<SocketChannel> started = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        SocketChannel winner = null;
        try (Selector selector = Selector.open()) {
            int next = 0;
            long nextStart = System.nanoTime();
            while (winner == null && (next < candidates.size() || !selector.keys().isEmpty())) {
                if (next < candidates.size() && System.nanoTime() >= nextStart) {
                    SocketChannel channel = SocketChannel.open();
                    started.add(channel);
                    channel.configureBlocking(false);
                    if (channel.connect(candidates.get(next++))) {
                        winner = channel;
                        break;
                    }
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    nextStart = System.nanoTime() + attemptDelay.toNanos();
                }
                long wait = next < candidates.size() ? Math.max(1, (nextStart - System.nanoTime()) / 1_000_000) : 0;
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (channel.finishConnect() && winner == null) {
                            winner = channel;
                        }
                    } catch (IOException e) {
                        failures.add(e);
                        nextStart = System.nanoTime(); // a failure starts the next attempt at once
                    }
                    key.cancel();
                }
                selector.selectedKeys().clear();
                selector.selectNow();
            }
            if (winner == null) {
                ConnectException all = new ConnectException("no candidate connected: " + candidates);
                failures.forEach(all::addSuppressed);
                throw all;
            }
            winner.configureBlocking(true);
            return winner;
        } finally {
            for (SocketChannel channel : started) {
                if (channel != winner) {
                    channel.close();
                }
            }
        }
    }
}
