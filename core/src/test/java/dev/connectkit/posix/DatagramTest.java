package dev.connectkit.posix;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a datagram")
class DatagramTest {
    @Test
    @DisplayName("prints its text, its size and its sender, with control bytes escaped")
    void printable() {
        assertThat(new Datagram("hi".getBytes(), SockAddr.loopback(5))).hasToString("\"hi\" (2 bytes) from 127.0.0.1:5");
        assertThat(new Datagram(new byte[] {1, 'a'}, SockAddr.loopback(5)))
                .hasToString("\"\\x01a\" (2 bytes) from 127.0.0.1:5");
    }
}
