package dev.connectkit.examples.timeout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("connect-timeout")
class ConnectTimeoutTest {

    @Test
    @DisplayName("on the kernel: ETIMEDOUT after about 3 s with TCP_SYNCNT=1, then poll()'s and Java's own timeouts")
    void onTheKernel() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Transcript t = Transcript.of(new ConnectTimeout());
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        Matcher blocked = Pattern.compile("connect\\(\\) blocked for (\\d+\\.\\d) s").matcher(t.out());
        assertThat(blocked.find()).isTrue();
        assertThat(Double.parseDouble(blocked.group(1))).as("seconds until ETIMEDOUT (Linux: about 3)")
                .isBetween(2.0, 10.0);
        assertThat(t.out()).contains("= -1 ETIMEDOUT (110) Connection timed out", "POLLOUT, 500 ms) = []",
                "threw java.net.SocketTimeoutException: Connect timed out", "socket.isClosed() = true");
    }

    @Test
    @DisplayName("simulated: exactly 3 s, and Linux's default of 127 s in virtual time")
    void simulated() {
        Transcript t = Transcript.of(new ConnectTimeout(), "--simulated");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).contains("connect() blocked for 3.0 s", "connect() blocked for 127.0 s")
                .contains("gave up after 6 retransmits (TCP_SYNCNT 6)");
    }
}
