package dev.connectkit.examples.timeout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("connect-timeout")
class ConnectTimeoutTest {

    @Test
    @DisplayName("on the kernel: ETIMEDOUT (S-09) after about 3 s with TCP_SYNCNT=1, then poll()'s and Java's own timeouts")
    void onTheKernel() {
        Transcript t = Runs.kernel("connect-timeout");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        Matcher blocked = Pattern.compile("= -1 ETIMEDOUT \\(Connection timed out\\) <(\\d+\\.\\d+)>  \\[S-09]")
                .matcher(t.out());
        assertThat(blocked.find()).as("a connect() line with ETIMEDOUT and how long it waited").isTrue();
        // Linux: the SYN at 0 s, one retransmit at 1 s, and the give-up 2 s later; a busy machine adds a little.
        assertThat(Double.parseDouble(blocked.group(1))).as("seconds until ETIMEDOUT").isBetween(2.5, 10.0);
        assertThat(t.out()).contains("setsockopt(", "SOL_TCP, TCP_SYNCNT, [1], 4) = 0",
                        "events=POLLOUT}], 1, 500) = 0 (Timeout)", "java.net.SocketTimeoutException: Connect timed out")
                .doesNotContain("Linux's default timeout");
    }

    @Test
    @DisplayName("simulated: exactly 3 s, and Linux's default of 6 retransmits, 127 s, in virtual time")
    void simulated() {
        Transcript t = Runs.simulated("connect-timeout");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence(
                "= -1 ETIMEDOUT (Connection timed out) <3.000000>  [S-09]",
                "TCP_SYNCNT, [6], 4) = 0", "gave up after 6 retransmits (TCP_SYNCNT 6)",
                "= -1 ETIMEDOUT (Connection timed out) <127.000000>  [S-09]",
                "events=POLLOUT}], 1, 500) = 0 (Timeout) <0.500000>");
    }
}
