package dev.connectkit.claims;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The glossary's "unused local address" (S-01), as Linux reads it: the implicit bind of a TCP connect() needs a
 * local port whose connection (local address and port, remote address and port) is unused, not a port no other
 * socket uses. To make the kernel's choice deterministic, the second socket's ephemeral range is narrowed with
 * IP_LOCAL_PORT_RANGE to the one port the first connection already holds.
 */
@DisplayName("claim: connections to different destinations may share an ephemeral port (glossary, S-01)")
class EphemeralPortSharingTest extends OnTheKernel {

    @Test
    @DisplayName("a second connect() to another listener reuses the first one's port; to the same listener it cannot")
    void differentDestinationsShareAPort() throws Exception {
        int first = Loopback.tcpListener(s, 8);
        int second = Loopback.tcpListener(s, 8);
        int a = s.socket(AF_INET, SOCK_STREAM);
        int b = s.socket(AF_INET, SOCK_STREAM);
        int c = s.socket(AF_INET, SOCK_STREAM);
        int d = s.socket(AF_INET, SOCK_STREAM);
        try {
            s.connect(a, Loopback.addressOf(s, first));
            int port = Loopback.addressOf(s, a).port();
            onlyPort(b, port);
            onlyPort(c, port);
            onlyPort(d, port);

            s.connect(b, Loopback.addressOf(s, second));
            assertThat(Loopback.addressOf(s, b).port())
                    .as("the implicit bind of a connection to another listener took the port %d, which the first"
                            + " connection still uses: the two connections differ in their destination", port)
                    .isEqualTo(port);
            assertThat(Outcome.of(() -> s.connect(c, Loopback.addressOf(s, first))))
                    .as("to the first listener again the same port would repeat a connection in use, and it was the"
                            + " only port allowed: no unused connection is left")
                    .isEqualTo(failed(Errno.EADDRNOTAVAIL));
            assertThat(Outcome.of(() -> s.bind(d, SockAddr.loopback(0))))
                    .as("bind() to port 0, unlike connect(), wants a port no socket uses, and the only one allowed is"
                            + " taken")
                    .isEqualTo(failed(Errno.EADDRINUSE));
        } finally {
            for (int fd : new int[] {a, b, c, d, first, second}) {
                s.close(fd);
            }
        }
    }

    /** Narrows {@code fd}'s ephemeral range to {@code port} alone (Linux 6.3 and later). */
    private static void onlyPort(int fd, int port) throws ErrnoException {
        Outcome narrowed = Outcome.of(() -> LinuxExtras.setLocalPortRange(fd, port, port));
        assumeTrue(narrowed.errno() != Errno.ENOPROTOOPT,
                "IP_LOCAL_PORT_RANGE needs Linux 6.3 or later; without it the kernel's choice cannot be forced");
        assertThat(narrowed).as("setsockopt(IP_LOCAL_PORT_RANGE, %d-%d)", port, port).isEqualTo(Outcome.success());
    }
}
