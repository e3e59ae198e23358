package dev.connectkit.posix;

/** What recvfrom() returns: the bytes of one datagram and the address of its sender. */
public record Datagram(byte[] data, SockAddr from) {
    /** The payload as text (UTF-8). */
    public String text() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code "hello" (5 bytes) from 127.0.0.1:5000}; bytes that are not printable text appear as {@code \x01}. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder();
        text().codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0xFFFD) {
                shown.append(String.format("\\x%02x", c & 0xff));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return "\"" + shown + "\" (" + data.length + " bytes) from " + from;
    }
}
