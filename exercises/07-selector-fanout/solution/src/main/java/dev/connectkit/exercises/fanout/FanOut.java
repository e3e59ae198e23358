package dev.connectkit.exercises.fanout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Exercise 07, reference solution. */
public final class FanOut {
    private FanOut() {
    }

    public enum Outcome { CONNECTED, REFUSED, TIMED_OUT }

    public static Map<InetSocketAddress, Outcome> connectAll(List<InetSocketAddress> targets, Duration deadline)
            throws IOException {
        Map<InetSocketAddress, Outcome> outcomes = new HashMap<>();
        List<SocketChannel> channels = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (Selector selector = Selector.open()) {
            for (InetSocketAddress target : targets) {
                SocketChannel channel = SocketChannel.open();
                channels.add(channel);
                channel.configureBlocking(false);
                if (channel.connect(target)) {
                    outcomes.put(target, Outcome.CONNECTED);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, target);
                }
            }
            while (!selector.keys().isEmpty()) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                selector.select(left);
                for (SelectionKey key : selector.selectedKeys()) {
                    InetSocketAddress target = (InetSocketAddress) key.attachment();
                    try {
                        ((SocketChannel) key.channel()).finishConnect();
                        outcomes.put(target, Outcome.CONNECTED);
                    } catch (ConnectException e) {
                        outcomes.put(target, Outcome.REFUSED);
                    }
                    key.cancel();
                }
                selector.selectedKeys().clear();
                selector.selectNow(); // flush the cancelled keys
            }
            for (InetSocketAddress target : targets) {
                outcomes.putIfAbsent(target, Outcome.TIMED_OUT);
            }
            return outcomes;
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }
}
