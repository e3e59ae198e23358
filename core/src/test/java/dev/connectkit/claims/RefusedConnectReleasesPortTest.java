package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static dev.connectkit.testing.Outcome.success;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S-01 after a failure, on Linux: a refused TCP attempt gives back the local address its implicit bind took.
 * getsockname() keeps showing the port with the wildcard address, and another socket may bind that port.
 */
@DisplayName("claim: after a refused connect() Linux releases the implicitly bound port (S-01)")
class RefusedConnectReleasesPortTest extends OnTheKernel {

    @Test
    @DisplayName("getsockname() shows 0.0.0.0 and the old port, and bind() of that port by another socket succeeds")
    void refusedAttemptReleasesThePort() throws Exception {
        SockAddr.In nobody = Loopback.closedPort(s);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        int other = s.socket(AF_INET, SOCK_STREAM);
        try {
            assertThat(Outcome.of(() -> s.connect(fd, nobody))).isEqualTo(failed(Errno.ECONNREFUSED));
            SockAddr.In after = Loopback.addressOf(s, fd);
            assertThat(after.address().getHostAddress()).as("the local address is back to the wildcard")
                    .isEqualTo("0.0.0.0");
            assertThat(after.port()).as("the port is still shown").isNotZero();
            assertThat(Outcome.of(() -> s.bind(other, SockAddr.loopback(after.port()))))
                    .as("but no longer held: another socket binds 127.0.0.1:%d", after.port()).isEqualTo(success());
        } finally {
            s.close(fd);
            s.close(other);
        }
    }
}
