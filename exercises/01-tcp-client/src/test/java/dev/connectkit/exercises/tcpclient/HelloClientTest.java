package dev.connectkit.exercises.tcpclient;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(20)
@DisplayName("Exercise 01: the seed's TCP client")
class HelloClientTest {

    /** Runs the student's client against a listener, and returns what the listener received. */
    static String receivedBy(Sockets s, int bytesExpected) throws ErrnoException {
        int listener = Loopback.tcpListener(s, 8);
        try {
            int sent = HelloClient.sendHello(s, Loopback.addressOf(s, listener), "Hello, Server!");
            assertThat(sent).as("send() returns the number of bytes sent: 14 for \"Hello, Server!\"")
                    .isEqualTo(bytesExpected);
            assertThat(s.openDescriptors()).as("after sendHello() returns, only the test's listener may be open:"
                    + " the client must close its socket (close(sockfd) at the end, as the seed does)")
                    .containsExactly(listener);
            int conn = s.accept(listener);
            try {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buffer = new byte[64];
                for (int n; (n = s.recv(conn, buffer)) > 0; ) {
                    got.write(buffer, 0, n);
                }
                return got.toString(StandardCharsets.UTF_8);
            } finally {
                s.close(conn);
            }
        } finally {
            s.close(listener);
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: connect, send, close")
    class Task1 {
        @Test
        @DisplayName("the listener receives \"Hello, Server!\"")
        void listenerReceivesTheMessage() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                assertThat(receivedBy(s, 14)).as("what the listener received: the client must connect() (S-07)"
                        + " and send() the message's bytes on the connected socket").isEqualTo("Hello, Server!");
            }
            net.assertNoOpenSockets();
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: errors reach the caller, and the socket is closed on every path")
    class Task2 {
        @Test
        @DisplayName("nothing listens: ECONNREFUSED, and no descriptor left open")
        void refusedConnectionClosesTheSocket() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                SockAddr.In nobody = Loopback.closedPort(s);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> HelloClient.sendHello(s, nobody, "Hello, Server!"));
                assertThat(e).as("connect() to a port where nothing listens fails: the kernel's SYN is answered"
                        + " with RST, and C's connect() returns -1 with ECONNREFUSED; sendHello must let that"
                        + " ErrnoException reach its caller").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.ECONNREFUSED);
                assertThat(s.openDescriptors()).as("the socket must be closed even though connect() failed:"
                        + " the seed's exit(1) leaks it; close it in a finally block").isEmpty();
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: the same code on the real kernel")
    class Task3 {
        @Test
        @DisplayName("the listener receives the message over real loopback")
        void onTheKernel() throws Exception {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
            try (Sockets s = Sockets.nativeLibc()) {
                assertThat(receivedBy(s, 14)).isEqualTo("Hello, Server!");
            }
        }
    }
}
