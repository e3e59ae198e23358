package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;

import java.util.ArrayDeque;

/**
 * A UDP socket: whether it is connected and to which peer (Linux's {@code sk_state} and {@code inet_daddr},
 * {@code inet_dport}), and the datagrams it received. Only {@link Udp} changes it.
 */
final class UdpSocket extends InetSocket {
    /** Linux's default SO_RCVBUF (net.core.rmem_default). */
    static final int RECEIVE_BUFFER = 212_992;
    /** What a queued datagram costs beyond its payload (an sk_buff on loopback, about {@code truesize}). */
    static final int DATAGRAM_OVERHEAD = 768;

    private SockAddr peer;
    final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    int queuedBytes;

    UdpSocket(int id, Host host, AddressFamily family) {
        super(id, host, family, SocketType.SOCK_DGRAM);
    }

    /** The connected peer (a wire address; its port may be 0), or null while unconnected. */
    SockAddr peer() {
        return peer;
    }

    boolean connected() {
        return peer != null;
    }

    /** connect(): the peer becomes {@code target} (S-03: no packet is sent). */
    void connectTo(SockAddr target) {
        peer = target;
    }

    /** connect(AF_UNSPEC): no peer any more (S-06). */
    void disconnect() {
        peer = null;
    }

    @Override
    boolean idle() {
        return peer == null;
    }

    @Override
    boolean listening() {
        return false;
    }
}
