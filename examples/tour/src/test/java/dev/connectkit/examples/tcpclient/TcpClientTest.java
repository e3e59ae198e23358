package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("tcp-client")
class TcpClientTest {

    @Test
    @DisplayName("on the kernel: the listener receives \"Hello, Server!\" from the POSIX client and from java.net")
    void theListenerReceivesTheMessage() {
        Transcript t = Runs.kernel("tcp-client");
        assertThat(t.status()).as("exit status; stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence("Successfully connected to the server.", "Hello message sent",
                "[peer] recv(", "\"Hello, Server!\", 256, 0) = 14", "# the listener received \"Hello, Server!\"",
                "# the java.net listener received \"Hello, Server!\" from /127.0.0.1:");
    }

    @Test
    @DisplayName("shows the implicit bind: 0.0.0.0:0 before connect(), then the port the listener saw, marked S-01")
    void showsTheImplicitBind() {
        String out = Runs.kernel("tcp-client").out();
        assertThat(out).containsPattern("getsockname\\(\\d+, \\{AF_INET, 0\\.0\\.0\\.0:0}, \\[16]\\) = 0\n");
        assertThat(out).containsPattern("connect\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, 16\\) = 0  \\[S-01, S-07]");
        Matcher bound = Pattern.compile("getsockname\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:(\\d+)}, \\[16]\\) = 0  \\[S-01]")
                .matcher(out);
        assertThat(bound.find()).as("a getsockname line after connect(), marked S-01").isTrue();
        assertThat(out).as("the listener saw the client at the port getsockname() showed")
                .contains("[peer] getpeername(", "{AF_INET, 127.0.0.1:" + bound.group(1) + "}, [16]) = 0");
    }

    @Test
    @DisplayName("shows a refused connection in C terms (errno, S-07) and in Java terms (ConnectException)")
    void showsARefusedConnection() {
        String out = Runs.kernel("tcp-client").out();
        assertThat(out).containsPattern("connect\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, 16\\) = -1 ECONNREFUSED"
                + " \\(Connection refused\\)( <[0-9.]+>)?  \\[S-07]");
        assertThat(out).contains("java.net reports it as java.net.ConnectException: Connection refused");
    }

    @Test
    @DisplayName("against a server that is not there: the ECONNREFUSED line, one stderr line naming the call, exit 1")
    void aServerThatIsNotThere() throws Exception {
        Runs.requireKernel();
        int port;
        try (Sockets s = Sockets.nativeLibc()) {
            port = Loopback.closedPort(s).port();
        }
        Transcript t = Runs.run("tcp-client", Language.EN, "--host", "127.0.0.1", "--port", String.valueOf(port));
        assertThat(t.status()).isEqualTo(Example.FAILED);
        assertThat(t.out()).contains("= -1 ECONNREFUSED (Connection refused)");
        assertThat(t.err().strip()).matches("tcp-client: connect\\(\\d+, 127\\.0\\.0\\.1:" + port
                + "\\): Connection refused \\(ECONNREFUSED \\(111\\)\\)");
    }

    @Test
    @DisplayName("the failure line in Chinese names the same call, with the errno's Chinese meaning")
    void aServerThatIsNotThereInChinese() throws Exception {
        Runs.requireKernel();
        int port;
        try (Sockets s = Sockets.nativeLibc()) {
            port = Loopback.closedPort(s).port();
        }
        Transcript t = Runs.run("tcp-client", Language.ZH, "--port", String.valueOf(port));
        assertThat(t.status()).isEqualTo(Example.FAILED);
        assertThat(t.out()).contains("= -1 ECONNREFUSED (连接被拒绝)");
        assertThat(t.err().strip()).matches("tcp-client: connect\\(\\d+, 127\\.0\\.0\\.1:" + port
                + "\\)：连接被拒绝 \\(ECONNREFUSED \\(111\\)\\)");
    }

    @Test
    @DisplayName("with --listen-port on a port already taken: the peer's bind() fails with EADDRINUSE, exit 1")
    void listenPortTaken() throws Exception {
        Runs.requireKernel();
        try (Sockets s = Sockets.nativeLibc()) {
            int taken = Loopback.tcpListener(s, 1);
            SockAddr.In address = Loopback.addressOf(s, taken);
            Transcript t = Runs.run("tcp-client", Language.EN, "--listen-port", String.valueOf(address.port()));
            assertThat(t.status()).isEqualTo(Example.FAILED);
            assertThat(t.out()).containsPattern("\\[peer] bind\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:" + address.port()
                    + "}, 16\\) = -1 EADDRINUSE \\(Address already in use\\)");
            assertThat(t.err().strip()).matches("tcp-client: bind\\(\\d+, 127\\.0\\.0\\.1:" + address.port()
                    + "\\): Address already in use \\(EADDRINUSE \\(98\\)\\)");
        }
    }

    @Test
    @DisplayName("--simulated: the same calls on the simulated network, with the handshake between them")
    void simulated() {
        Transcript t = Runs.simulated("tcp-client");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.err()).isEmpty();
        assertThat(t.out()).containsSubsequence(
                "[peer] listen(3, 8) = 0",
                "getsockname(4, {AF_INET, 0.0.0.0:0}, [16]) = 0",
                "SEND    SYN 127.0.0.1:", "SYN_SENT -> ESTABLISHED",
                "connect(4, {AF_INET, 127.0.0.1:", "}, 16) = 0  [S-01, S-07]",
                "Successfully connected to the server.",
                "send(4, \"Hello, Server!\", 14, 0) = 14",
                "[peer] recv(4, \"Hello, Server!\", 256, 0) = 14",
                "left out with --simulated",
                "= -1 ECONNREFUSED (Connection refused)  [S-07]");
    }

    @Test
    @DisplayName("--host with --listen-port or --simulated: one line naming the conflict, exit 2")
    void conflictingOptions() {
        Transcript listen = Runs.run("tcp-client", Language.EN, "--host", "127.0.0.1", "--listen-port", "5");
        assertThat(listen.status()).isEqualTo(Example.USAGE);
        assertThat(listen.err()).startsWith("tcp-client: --listen-port starts the example's own listener")
                .contains("(usage: tcp-client [-h] [--simulated]");
        Transcript simulated = Runs.run("tcp-client", Language.EN, "--port", "80", "--simulated");
        assertThat(simulated.status()).isEqualTo(Example.USAGE);
        assertThat(simulated.err().lines()).hasSize(1);
        assertThat(simulated.out()).isEmpty();
    }
}
