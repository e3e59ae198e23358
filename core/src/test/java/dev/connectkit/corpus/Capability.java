package dev.connectkit.corpus;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;

import java.util.Map;
import java.util.Optional;

/**
 * Something a scenario needs that a backend cannot express at all. A scenario that needs it is not generated on
 * that backend and the report says why; {@link CapabilityTest} proves each claim by watching the backend refuse
 * the operation with {@link UnsupportedOperationException}. (Issue 12, section 4, asks for typed capabilities in
 * the core; once they exist, this enum gives way to them.)
 */
enum Capability {
    /** {@code connect(fd, addr, addrlen)} with a length other than the address's own. */
    ADDRESS_LENGTH(Map.of(Backend.NIO, "java.nio has no address length: a SocketAddress always carries its own"),
            s -> s.connect(tcp(s), SockAddr.loopback(9), 3)),
    /** {@code connect(fd, AF_UNSPEC)} on a stream socket. */
    AF_UNSPEC_ON_STREAM(Map.of(Backend.NIO, "java.nio cannot connect a SocketChannel to AF_UNSPEC: a TCP"
            + " connection cannot be dissolved and the channel reused"),
            s -> s.connect(tcp(s), SockAddr.unspec())),
    /** An AF_UNIX datagram socket. */
    AF_UNIX_DATAGRAM(Map.of(Backend.NIO, "java.nio has no Unix-domain datagram channel"),
            s -> s.socket(AddressFamily.AF_UNIX, SocketType.SOCK_DGRAM)),
    /** The TCP_SYNCNT option. */
    TCP_SYNCNT(Map.of(Backend.NIO, "Java has no TCP_SYNCNT option"),
            s -> s.setsockopt(tcp(s), SocketOption.TCP_SYNCNT, 2)),
    /** {@code connect()} on a listening socket. */
    CONNECT_ON_LISTENER(Map.of(Backend.NIO, "java.nio has no connect() on a ServerSocketChannel"),
            s -> {
                int listener = Loopback.tcpListener(s, 1);
                s.connect(listener, Loopback.addressOf(s, listener));
            });

    /** The operation the capability names, done once on a fresh backend. */
    @FunctionalInterface
    interface Operation {
        void run(Sockets sockets) throws Exception;
    }

    private final Map<Backend, String> lackedBy;
    private final Operation operation;

    Capability(Map<Backend, String> lackedBy, Operation operation) {
        this.lackedBy = lackedBy;
        this.operation = operation;
    }

    /** Why {@code backend} cannot express this, or empty if it can. */
    Optional<String> lackingOn(Backend backend) {
        return Optional.ofNullable(lackedBy.get(backend));
    }

    Operation operation() {
        return operation;
    }

    private static int tcp(Sockets s) throws Exception {
        return s.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
    }
}
