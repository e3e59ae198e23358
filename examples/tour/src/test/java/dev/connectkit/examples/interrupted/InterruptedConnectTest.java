package dev.connectkit.examples.interrupted;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("interrupted-connect")
class InterruptedConnectTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("EINTR (S-10), EALREADY on a retry (S-12), then writable (S-13), SO_ERROR 0, and the listener accepts it")
    void interruptedConnectionCompletes(boolean simulated) {
        Transcript t = simulated ? Runs.simulated("interrupted-connect") : Runs.kernel("interrupted-connect");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence("setitimer(ITIMER_REAL, ", "tv_usec=300000}}, NULL) = 0",
                "= -1 EINTR (Interrupted system call)", "[S-10]",
                "= -1 ENOTCONN (Transport endpoint is not connected)",
                "= -1 EALREADY (Operation already in progress)  [S-12]",
                "revents=POLLOUT}])", "[S-13]", "SO_ERROR, [0], [4]) = 0");
        Matcher client = Pattern.compile("\\d getpeername\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, \\[16]\\) = 0")
                .matcher(t.out());
        assertThat(client.find()).as("the client is connected after all").isTrue();
        assertThat(t.out()).containsPattern("\\[peer] accept\\(\\d+, NULL, NULL\\) = \\d+");
    }
}
