package dev.connectkit.exercises.udppeer;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(20)
@DisplayName("Exercise 03: a connected UDP socket")
class PeerSocketTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    @Tag("task:1")
    @DisplayName("Task 1: connect() sets the peer")
    class Task1 {
        @Test
        @DisplayName("the peer is set, nothing is sent by connect(), and send() reaches the peer")
        void peerIsSet() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                SockAddr.In peerAddress = Loopback.addressOf(s, peer);
                int fd = PeerSocket.open(s, peerAddress);
                assertThat(s.getpeername(fd)).as("getpeername() must show the peer: connect() on a datagram"
                        + " socket sets the peer address (S-03)").isEqualTo(peerAddress);
                assertThat(s.poll(PollFd.readable(peer), 100)).as("the peer received a packet although nobody"
                        + " sent one: a datagram connect() sends nothing (S-03); do not send a 'hello'").isEmpty();
                s.send(fd, bytes("ping"));
                assertThat(s.recvfrom(peer, 100).text()).as("send() without an address goes to the peer (S-04)")
                        .isEqualTo("ping");
            }
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("Task 2: only the peer is heard")
    class Task2 {
        @Test
        @DisplayName("a stranger's datagram, sent first, is never returned")
        void strangersAreIgnored() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                int stranger = Loopback.udpSocket(s);
                int fd = PeerSocket.open(s, Loopback.addressOf(s, peer));
                SockAddr me = s.getsockname(fd);
                s.sendto(stranger, bytes("from a stranger"), me);
                s.sendto(peer, bytes("from the peer"), me);
                assertThat(PeerSocket.receive(s, fd)).as("a connected datagram socket receives only from its peer:"
                        + " the kernel discards the stranger's datagram before recv() sees it (S-05)")
                        .isEqualTo("from the peer");
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("Task 3: the null address resets the peer")
    class Task3 {
        @Test
        @DisplayName("after the reset there is no peer, and send() has no destination")
        void peerIsReset() throws Exception {
            try (Sockets s = SimNetwork.create().open()) {
                int peer = Loopback.udpSocket(s);
                int fd = PeerSocket.open(s, Loopback.addressOf(s, peer));
                PeerSocket.forgetPeer(s, fd);
                ErrnoException e = catchThrowableOfType(ErrnoException.class, () -> s.getpeername(fd));
                assertThat(e).as("getpeername() still found a peer: connecting to the null address (AF_UNSPEC)"
                        + " must reset it (S-06)").isNotNull();
                assertThat(e.errno()).isEqualTo(Errno.ENOTCONN);
                ErrnoException send = catchThrowableOfType(ErrnoException.class, () -> s.send(fd, bytes("x")));
                assertThat(send).isNotNull();
                assertThat(send.errno()).as("with no peer, send() has no destination").isEqualTo(Errno.EDESTADDRREQ);
            }
        }
    }
}
