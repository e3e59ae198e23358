package dev.connectkit.examples.interrupted;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("interrupted-connect")
class InterruptedConnectTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("EINTR, EALREADY on a retry, then POLLOUT, SO_ERROR 0, and the listener accepts that very client")
    void interruptedConnectionCompletes(boolean simulated) {
        if (!simulated) {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        }
        Transcript t = simulated ? Transcript.of(new InterruptedConnect(), "--simulated")
                : Transcript.of(new InterruptedConnect());
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence("= -1 EINTR (4) Interrupted system call", "[S-10]",
                "= -1 ENOTCONN (107)", "= -1 EALREADY (114)", "POLLOUT, 10 s) = [POLLOUT]", "SO_ERROR) = 0");
        Matcher peer = Pattern.compile("accepted the connection from (127\\.0\\.0\\.1:\\d+)").matcher(t.out());
        assertThat(peer.find()).as("the listener accepted a connection").isTrue();
    }
}
