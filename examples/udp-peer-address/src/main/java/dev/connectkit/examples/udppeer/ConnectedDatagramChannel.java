package dev.connectkit.examples.udppeer;

import dev.connectkit.examples.support.Narrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/** The same peer-address rules through {@code DatagramChannel}, the way Java programs use UDP. */
final class ConnectedDatagramChannel {
    private ConnectedDatagramChannel() {
    }

    // tag::datagram-channel[]
    static void run(Narrator out) {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0);
        try (DatagramChannel channel = DatagramChannel.open();
             DatagramChannel peer = DatagramChannel.open().bind(loopback);
             DatagramChannel stranger = DatagramChannel.open().bind(loopback)) {
            channel.connect(peer.getLocalAddress());
            out.println("channel.connect(" + peer.getLocalAddress() + "): local address "
                    + channel.getLocalAddress() + ", remote " + channel.getRemoteAddress());

            channel.write(ByteBuffer.wrap("to the peer".getBytes(StandardCharsets.UTF_8)));
            out.peer("received \"" + text(peer) + "\"");

            stranger.send(ByteBuffer.wrap("from a stranger".getBytes(StandardCharsets.UTF_8)),
                    channel.getLocalAddress());
            peer.send(ByteBuffer.wrap("from the peer".getBytes(StandardCharsets.UTF_8)), channel.getLocalAddress());
            out.println("channel.read(): \"" + text(channel) + "\" (the stranger's datagram was discarded)");

            channel.disconnect(); // connect(fd, AF_UNSPEC) underneath, then a rebind to the same port
            out.println("channel.disconnect(): local address " + channel.getLocalAddress()
                    + ", remote " + channel.getRemoteAddress());
            out.note("Java rebinds the port Linux released, so the channel keeps its address");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    // end::datagram-channel[]

    private static String text(DatagramChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(100);
        channel.receive(buffer);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
