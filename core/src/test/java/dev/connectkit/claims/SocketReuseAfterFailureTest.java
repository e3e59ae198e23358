package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static dev.connectkit.testing.Outcome.success;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the docs say next to POSIX's APPLICATION USAGE (after a failed connect() the socket's state is
 * unspecified; portable programs close it and make a new one): Linux lets the same socket try again.
 */
@DisplayName("claim: on Linux a socket whose connect() failed can connect again (not portable)")
class SocketReuseAfterFailureTest extends OnTheKernel {

    @Test
    @DisplayName("refused, then the same socket connects once something listens at the address")
    void refusedThenConnected() throws Exception {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        int listener = s.socket(AF_INET, SOCK_STREAM);
        try {
            var address = Loopback.closedPort(s);
            assertThat(Outcome.of(() -> s.connect(fd, address))).isEqualTo(failed(Errno.ECONNREFUSED));
            s.bind(listener, address);
            s.listen(listener, 1);
            assertThat(Outcome.of(() -> s.connect(fd, address)))
                    .as("the socket that was refused connects on a second try").isEqualTo(success());
        } finally {
            s.close(fd);
            s.close(listener);
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("timed out (TCP_SYNCNT 1: about 3 s), then a non-blocking connect() starts a new attempt: EINPROGRESS")
    void timedOutThenANewAttempt() throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            try {
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address()))).isEqualTo(failed(Errno.ETIMEDOUT));
                s.setNonBlocking(fd, true);
                assertThat(Outcome.of(() -> s.connect(fd, busy.address())))
                        .as("the aborted attempt is over (S-09): the next connect() is a new one, not EALREADY")
                        .isEqualTo(failed(Errno.EINPROGRESS));
            } finally {
                s.close(fd);
            }
        }
    }
}
