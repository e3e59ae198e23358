package dev.connectkit.internal.sim;

import java.util.ArrayDeque;

/** Bytes received on a stream and not read yet, in order: a queue of the segments' payloads. */
final class ByteQueue {
    /** Made at the first byte: most sockets of a connect/close loop never receive any. */
    private ArrayDeque<byte[]> chunks;
    private int headOffset;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(byte[] data) {
        if (data.length > 0) {
            if (chunks == null) {
                chunks = new ArrayDeque<>();
            }
            chunks.add(data);
            size += data.length;
        }
    }

    /** Moves up to {@code buffer.length} bytes into {@code buffer}; returns how many. */
    int take(byte[] buffer) {
        int n = 0;
        while (n < buffer.length && size - n > 0) {
            byte[] head = chunks.peek();
            int k = Math.min(buffer.length - n, head.length - headOffset);
            System.arraycopy(head, headOffset, buffer, n, k);
            n += k;
            headOffset += k;
            if (headOffset == head.length) {
                chunks.poll();
                headOffset = 0;
            }
        }
        size -= n;
        return n;
    }

    void clear() {
        if (chunks != null) {
            chunks.clear();
        }
        headOffset = 0;
        size = 0;
    }
}
