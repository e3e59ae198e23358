package dev.connectkit.examples.nonblocking;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("nonblocking-connect")
class NonBlockingConnectTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("EINPROGRESS (S-11), EALREADY (S-12), not writable, writable (S-13), SO_ERROR 0, 0 once, EISCONN")
    void theWholeStateMachine(boolean simulated) {
        Transcript t = simulated ? Runs.simulated("nonblocking-connect") : Runs.kernel("nonblocking-connect");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsSubsequence(
                "F_SETFL, O_RDWR|O_NONBLOCK) = 0",
                "= -1 EINPROGRESS (Operation now in progress)", "[S-11]",
                "= -1 EALREADY (Operation already in progress)  [S-12]",
                "events=POLLOUT}], 1, 200) = 0 (Timeout)",
                "events=POLLOUT}], 1, 10000) = 1 ([{fd=", "revents=POLLOUT}])", "[S-13]",
                "SO_ERROR, [0], [4]) = 0",
                "}, 16) = 0\n",
                "= -1 EISCONN (Transport endpoint is already connected)\n",
                "== 2.", "= -1 EINPROGRESS (Operation now in progress)",
                "revents=POLLOUT|POLLERR|POLLHUP}])\n",
                "SO_ERROR, [ECONNREFUSED], [4]) = 0");
    }

    @Test
    @DisplayName("the Selector version: OP_CONNECT ready on success and on failure, finishConnect closes on failure")
    void selectorVersion() {
        String out = Runs.kernel("nonblocking-connect").out();
        assertThat(out).containsSubsequence("connect() returned false; isConnectionPending() is true",
                "OP_CONNECT ready: true", "finishConnect() succeeded",
                "connect() returned false; isConnectionPending() is true", "OP_CONNECT ready: true",
                "finishConnect() threw java.net.ConnectException: Connection refused; the channel is open: false");
    }
}
