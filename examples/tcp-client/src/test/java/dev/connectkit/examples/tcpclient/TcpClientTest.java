package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("tcp-client")
class TcpClientTest {

    private static void requireNative() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
    }

    @Test
    @DisplayName("sends \"Hello, Server!\" to its own listener, which really receives it, on both APIs")
    void theListenerReceivesTheMessage() {
        requireNative();
        Transcript t = Transcript.of(new TcpClient());

        assertThat(t.status()).as("exit status; stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).contains("Successfully connected to the server.", "Hello message sent");
        Matcher received = Pattern.compile("\\[peer] accepted a connection from /?127\\.0\\.0\\.1:(\\d+) and received"
                + " \"Hello, Server!\"").matcher(t.out());
        assertThat(received.find()).as("the POSIX version's listener received the message").isTrue();
        assertThat(received.find()).as("the java.net version's listener received it too").isTrue();
    }

    @Test
    @DisplayName("shows the implicit bind: 0.0.0.0:0 before connect(), then the port the listener saw")
    void showsTheImplicitBind() {
        requireNative();
        String out = Transcript.of(new TcpClient()).out();

        assertThat(out).contains("getsockname(").contains(") = 0.0.0.0:0");
        Matcher bound = Pattern.compile("getsockname\\(\\d+\\) = 127\\.0\\.0\\.1:(\\d+) +\\[S-01]").matcher(out);
        assertThat(bound.find()).as("a getsockname line after connect(), marked S-01").isTrue();
        assertThat(out).as("the listener saw the client at the port getsockname() showed")
                .contains("accepted a connection from 127.0.0.1:" + bound.group(1) + " ");
    }

    @Test
    @DisplayName("shows what a refused connection looks like, in C terms and in Java terms")
    void showsARefusedConnection() {
        requireNative();
        String out = Transcript.of(new TcpClient()).out();
        assertThat(out).containsPattern("connect\\(\\d+, 127\\.0\\.0\\.1:\\d+\\) = -1 ECONNREFUSED \\(111\\)"
                + " Connection refused +\\[S-07]");
        assertThat(out).contains("threw java.net.ConnectException: Connection refused");
    }

    @Test
    @DisplayName("against a server that is not there: the ECONNREFUSED line and exit status 1")
    void aServerThatIsNotThere() throws Exception {
        requireNative();
        int port;
        try (Sockets s = Sockets.nativeLibc()) {
            port = Loopback.closedPort(s).port();
        }
        Transcript t = Transcript.of(new TcpClient(), "--host", "127.0.0.1", "--port", String.valueOf(port));
        assertThat(t.status()).isEqualTo(Example.FAILED);
        assertThat(t.out()).contains("= -1 ECONNREFUSED (111) Connection refused");
        assertThat(t.err().strip())
                .matches("tcp-client: connect\\(\\d+, 127\\.0\\.0\\.1:" + port
                        + "\\): Connection refused \\(ECONNREFUSED \\(111\\)\\)");
    }

    @Test
    @DisplayName("with --listen-port on a port already taken: bind() fails with EADDRINUSE, exit status 1")
    void listenPortTaken() throws Exception {
        requireNative();
        try (Sockets s = Sockets.nativeLibc()) {
            int taken = Loopback.tcpListener(s, 1);
            SockAddr.In address = Loopback.addressOf(s, taken);
            Transcript t = Transcript.of(new TcpClient(), "--listen-port", String.valueOf(address.port()));
            assertThat(t.status()).isEqualTo(Example.FAILED);
            assertThat(t.out()).contains("= -1 EADDRINUSE (98) Address already in use");
            assertThat(t.err().strip())
                    .matches("tcp-client: bind\\(\\d+, 127\\.0\\.0\\.1:" + address.port()
                            + "\\): Address already in use \\(EADDRINUSE \\(98\\)\\)");
        }
    }

    @Test
    @DisplayName("--simulated runs the same flow on the simulated network and prints its virtual-time trace")
    void simulated() {
        Transcript t = Transcript.of(new TcpClient(), "--simulated");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).contains("simulated network: virtual time", "received \"Hello, Server!\"",
                "= -1 ECONNREFUSED (111) Connection refused", "The simulated network's trace",
                "SYN_SENT -> ESTABLISHED").containsPattern("SEND +SYN 127\\.0\\.0\\.1:\\d+ > 127\\.0\\.0\\.1:\\d+");
        assertThat(Transcript.of(new TcpClient(), "--simulated").out()).as("the same run gives the same output")
                .isEqualTo(t.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--bogus                     | unknown option --bogus",
            "--port 70000                | port out of range 1-65535: 70000",
            "--port http                 | not a port number: http",
            "--host 999.0.0.1 --port 80  | malformed address 999.0.0.1",
            "--host example.com          | malformed address example.com",
            "--port                      | missing value after --port",
            "--port 80 --listen-port 81  | --listen-port starts the embedded listener",
            "--port 80 --simulated       | --simulated runs against the embedded listener"})
    @DisplayName("bad input: one line naming the problem and the usage, exit status 2, no stack trace")
    void badInput(String args, String problem) {
        Transcript t = Transcript.of(new TcpClient(), args.split(" +"));
        assertThat(t.status()).isEqualTo(Example.USAGE);
        assertThat(t.out()).isEmpty();
        assertThat(t.err()).startsWith("tcp-client: " + problem).endsWith(
                "(usage: tcp-client [--host ADDRESS] [--port PORT] [--listen-port PORT] [--simulated])" + System.lineSeparator());
        assertThat(t.err().lines()).hasSize(1);
    }
}
