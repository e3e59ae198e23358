package dev.connectkit.examples.unixdomain;

import dev.connectkit.examples.support.Narrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** AF_UNIX through java.nio: an implicitly bound client's local address is the empty (unnamed) path. */
final class UnixChannel {
    private UnixChannel() {
    }

    // tag::unix-channel[]
    static void run(Path socketFile, Narrator out) {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socketFile);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(address);
            out.println("client.connect(" + address + "): client.getLocalAddress() = \"" + client.getLocalAddress()
                    + "\" (the empty path: unnamed)");
            try (SocketChannel accepted = server.accept()) {
                out.peer("accepted; accepted.getRemoteAddress() = \"" + accepted.getRemoteAddress() + "\"");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    // end::unix-channel[]
}
