package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
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
 * S-06 beyond datagrams: Linux accepts connect(AF_UNSPEC) on a connected TCP socket, and disconnects it the
 * abortive way (tcp_disconnect() sends RST), which the peer reads as ECONNRESET.
 */
@DisplayName("claim: connect(AF_UNSPEC) on a connected TCP socket drops the connection with RST (S-06)")
class TcpUnspecResetTest extends OnTheKernel {

    @Test
    @DisplayName("connect(AF_UNSPEC) returns 0, the socket has no peer, and the peer's recv() fails with ECONNRESET")
    void unspecResetsTheConnection() throws Exception {
        int listener = Loopback.tcpListener(s, 4);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        int accepted = -1;
        try {
            s.connect(fd, Loopback.addressOf(s, listener));
            accepted = s.accept(listener);

            assertThat(Outcome.of(() -> s.connect(fd, SockAddr.unspec()))).as("Linux accepts AF_UNSPEC on TCP")
                    .isEqualTo(success());
            assertThat(Outcome.of(() -> s.getpeername(fd))).as("the socket has no peer any more")
                    .isEqualTo(failed(Errno.ENOTCONN));
            int server = accepted;
            assertThat(s.poll(PollFd.readable(server), PROMPTLY_MILLIS))
                    .as("the server's end sees the connection end with an error").contains(PollEvent.POLLERR);
            assertThat(Outcome.of(() -> s.recv(server, new byte[16])))
                    .as("an RST, not a FIN: the peer's recv() fails with ECONNRESET instead of returning 0")
                    .isEqualTo(failed(Errno.ECONNRESET));
        } finally {
            if (accepted != -1) {
                s.close(accepted);
            }
            s.close(fd);
            s.close(listener);
        }
    }
}
