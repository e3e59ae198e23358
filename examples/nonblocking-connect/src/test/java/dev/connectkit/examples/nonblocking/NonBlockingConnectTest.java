package dev.connectkit.examples.nonblocking;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("nonblocking-connect")
class NonBlockingConnectTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("walks EINPROGRESS, EALREADY, pending, POLLOUT, SO_ERROR 0, 0 once, EISCONN; then a refusal")
    void theWholeStateMachine(boolean simulated) {
        if (!simulated) {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        }
        Transcript t = simulated ? Transcript.of(new NonBlockingConnect(), "--simulated")
                : Transcript.of(new NonBlockingConnect());
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence(
                "= -1 EINPROGRESS (115)", "[S-11]",
                "= -1 EALREADY (114)", "[S-12]",
                "POLLOUT, 200 ms) = []",
                "POLLOUT, 10 s) = [POLLOUT]",
                "SO_ERROR) = 0",
                ") = 0\n    # Linux reports the completed attempt once with 0",
                "= -1 EISCONN (106)",
                "== 2.", "= -1 EINPROGRESS (115)",
                "= [POLLOUT, POLLERR, POLLHUP]",
                "SO_ERROR) = 111");
    }

    @Test
    @DisplayName("the Selector version: OP_CONNECT ready on success and on failure, finishConnect closes on failure")
    void selectorVersion() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        String out = Transcript.of(new NonBlockingConnect()).out();
        assertThat(out).containsSubsequence("= false, isConnectionPending() = true", "key.isConnectable() = true",
                "channel.finishConnect() = true", "= false, isConnectionPending() = true",
                "key.isConnectable() = true",
                "channel.finishConnect() threw java.net.ConnectException: Connection refused; channel.isOpen() = false");
    }
}
