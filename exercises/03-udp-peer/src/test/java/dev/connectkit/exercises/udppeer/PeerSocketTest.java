package dev.connectkit.exercises.udppeer;

import dev.connectkit.exercises.testkit.Messages;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static dev.connectkit.exercises.testkit.Messages.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
@TestClassOrder(ClassOrderer.ClassName.class) // task 1 first
class PeerSocketTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** getpeername(), or empty when the socket has no peer (ENOTCONN). */
    static Optional<SockAddr> peerOf(Sockets s, int fd) {
        try {
            return Optional.of(s.getpeername(fd));
        } catch (ErrnoException e) {
            return Optional.empty();
        }
    }

    @Nested
    @Tag("task:1")
    class Task1 {
        @Test
        void peerIsSet() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                SockAddr.In peerAddress = Loopback.addressOf(s, peer);
                int fd = PeerSocket.open(s, peerAddress);
                assertThat(peerOf(s, fd)).as(say("task1.peer", peerAddress)).contains(peerAddress);
                assertThat(s.poll(PollFd.readable(peer), 100)).as(say("task1.nothing-sent")).isEmpty();
                s.send(fd, bytes("ping"));
                assertThat(s.recvfrom(peer, 100).text()).as(say("task1.send-reaches-peer")).isEqualTo("ping");
            }
        }
    }

    @Nested
    @Tag("task:2")
    class Task2 {
        @Test
        void strangersAreIgnored() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                int stranger = Loopback.udpSocket(s);
                int fd = PeerSocket.open(s, Loopback.addressOf(s, peer));
                SockAddr me = s.getsockname(fd);
                s.sendto(stranger, bytes("from a stranger"), me);
                s.sendto(peer, bytes("from the peer"), me);
                assertThat(PeerSocket.receive(s, fd)).as(say("task2.only-the-peer")).isEqualTo("from the peer");
            }
        }
    }

    @Nested
    @Tag("task:3")
    class Task3 {
        @Test
        void peerIsReset() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                int fd = PeerSocket.open(s, Loopback.addressOf(s, peer));
                PeerSocket.forgetPeer(s, fd);
                ErrnoException e = catchThrowableOfType(ErrnoException.class, () -> s.getpeername(fd));
                assertThat(e).as(say("task3.no-peer")).isNotNull();
                assertThat(e.errno()).as(say("task3.enotconn", e.getMessage())).isEqualTo(Errno.ENOTCONN);
                ErrnoException send = catchThrowableOfType(ErrnoException.class, () -> s.send(fd, bytes("x")));
                assertThat(send).as(say("task3.send-fails")).isNotNull();
                assertThat(send.errno()).as(say("task3.edestaddrreq", send.getMessage()))
                        .isEqualTo(Errno.EDESTADDRREQ);
            }
        }
    }
}
