package dev.connectkit.exercises.tcpclient;

import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.exercises.testkit.NeedsRealKernel;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static dev.connectkit.exercises.testkit.Messages.say;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class HelloClientTest {
    static final String HELLO = "Hello, Server!";

    /**
     * A TCP listener on 127.0.0.1 at a port drawn at run time (below the ephemeral range, so the client's implicit
     * bind never takes it): a client that connects to a port written in its code does not find it.
     */
    static int listenerOnAFreshPort(Sockets s) throws ErrnoException {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        s.bind(fd, SockAddr.loopback(ThreadLocalRandom.current().nextInt(20_000, 30_000)));
        s.listen(fd, 8);
        return fd;
    }

    /** Runs the student's client against {@code listener}, and returns what the listener received. */
    static String receivedBy(Sockets s, int listener, Optional<SimNetwork> net) throws ErrnoException {
        SockAddr.In server = Loopback.addressOf(s, listener);
        int sent = sendHello(s, server, net);
        assertThat(sent).as(say("task1.sent", HELLO, HELLO.getBytes(StandardCharsets.UTF_8).length))
                .isEqualTo(HELLO.getBytes(StandardCharsets.UTF_8).length);
        assertThat(s.openDescriptors()).as(say("task1.closed", listener)).containsExactly(listener);
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
    }

    /** sendHello(), where a listener waits at {@code server}: an ErrnoException here is a mistake, explained. */
    static int sendHello(Sockets s, SockAddr.In server, Optional<SimNetwork> net) {
        try {
            return HelloClient.sendHello(s, server, HELLO);
        } catch (ErrnoException e) {
            Optional<String> went = net.flatMap(HelloClientTest::firstConnectTarget);
            if (went.isPresent() && !went.get().equals(server.toString())) {
                throw new AssertionError(say("task1.wrong-address", e.errno().name(), server, went.get()), e);
            }
            throw new AssertionError(say("task1.unexpected-error", e.getMessage(), server), e);
        }
    }

    /** The address of the first connect() in the simulation's trace, as it was written there. */
    static Optional<String> firstConnectTarget(SimNetwork net) {
        return net.trace().stream()
                .filter(e -> e.kind() == TraceEvent.Kind.CALL && e.text().startsWith("connect("))
                .map(e -> e.text().substring(e.text().indexOf(", ") + 2, e.text().lastIndexOf(')')))
                .findFirst();
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void listenerReceivesTheMessage() throws Exception {
            SimNetwork net = SimNetwork.create();
            try (Sockets s = net.open()) {
                int listener = listenerOnAFreshPort(s);
                assertThat(receivedBy(s, listener, Optional.of(net))).as(say("task1.received")).isEqualTo(HELLO);
                s.close(listener);
            }
            net.assertNoOpenSockets();
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void refusedConnectionClosesTheSocket() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                SockAddr.In nobody = Loopback.closedPort(s);
                ErrnoException e = catchThrowableOfType(ErrnoException.class,
                        () -> HelloClient.sendHello(s, nobody, HELLO));
                assertThat(e).as(say("task2.thrown")).isNotNull();
                assertThat(e.errno()).as(say("task2.errno", e.getMessage())).isEqualTo(Errno.ECONNREFUSED);
                assertThat(s.openDescriptors()).as(say("task2.closed")).isEmpty();
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        @NeedsRealKernel
        void onTheKernel() throws Exception {
            try (Sockets s = Sockets.nativeLibc()) {
                int listener = Loopback.tcpListener(s, 8);
                try {
                    assertThat(receivedBy(s, listener, Optional.empty())).as(say("task3.received")).isEqualTo(HELLO);
                } finally {
                    s.close(listener);
                }
            }
        }
    }
}
