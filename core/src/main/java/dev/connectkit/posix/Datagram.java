package dev.connectkit.posix;

/** What recvfrom() returns: the bytes of one datagram and the address of its sender. */
public record Datagram(byte[] data, SockAddr from) {
    /** The payload as text (UTF-8). */
    public String text() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code "hello" (5 bytes) from 127.0.0.1:5000}. */
    @Override
    public String toString() {
        return "\"" + text() + "\" (" + data.length + " bytes) from " + from;
    }
}
