package dev.connectkit.corpus;

import java.util.Arrays;
import java.util.Optional;

/**
 * The known bugs a corpus mismatch is filed under: the bullets of issue 12, section 2, and the differences the
 * corpus found that the issue does not list yet ({@link #inIssue()} false). {@code known-mismatches.txt} names
 * them by {@link #id()}.
 */
enum Bullet {
    // The simulator: issue 12, section 2.
    SIM_LISTENER_SHUTDOWN("sim-listener-shutdown", true,
            "sim: shutdown() on a listening socket (Linux: accept gives EINVAL, later connects are refused)"),
    SIM_FOUR_TUPLE("sim-4-tuple", true,
            "sim: two sockets on the same 4-tuple via SO_REUSEADDR (Linux: EADDRNOTAVAIL)"),
    SIM_DUAL_STACK("sim-dual-stack", true,
            "sim: dual stack (v4-mapped addresses, a sockaddr_in passed to an AF_INET6 socket)"),
    SIM_UNSPEC_STREAM("sim-unspec-tcp", true,
            "sim: connect(AF_UNSPEC) on an established TCP socket (the local address is released; bind and listen"
                    + " work afterwards)"),
    SIM_UNSPEC_DATAGRAM("sim-unspec-udp", true,
            "sim: AF_UNSPEC on a UDP socket bound to an explicit address (Linux keeps it, releases only an autobound"
                    + " port)"),
    SIM_UDP_SHUT_WR("sim-udp-shut-wr", true,
            "sim: UDP shutdown(SHUT_WR) (send gives EPIPE, and a reconnect does not clear it)"),
    SIM_READ_AFTER_ERROR("sim-read-after-error", true,
            "sim: read() after a refused attempt or after a reset (Linux: the error once, then 0)"),
    SIM_UNIX_NOT_A_SOCKET("sim-unix-not-a-socket", true,
            "sim: an AF_UNIX path that exists but is not a socket, such as a directory (the simulator has no file"
                    + " system)"),
    SIM_UNIX_PEER_NAME("sim-unix-peer-name", true,
            "sim: the accepted end's peer name when an AF_UNIX client bound itself"),

    // The simulator: found by the corpus.
    SIM_SELF_CONNECT("sim-self-connect", false,
            "sim: a TCP socket connecting to its own address (Linux: simultaneous open, 0)"),
    SIM_SENDTO_AUTOBIND("sim-sendto-autobind", false,
            "sim: sendto() on an unbound UDP socket binds the source address too (Linux binds only a port: the"
                    + " name stays 0.0.0.0 or ::)"),
    SIM_POLL_AFTER_RESET("sim-poll-after-reset", false,
            "sim: after a RST, poll() reports POLLIN only (Linux: POLLIN | POLLERR | POLLHUP)"),
    SIM_BIND_UNSPEC("sim-bind-unspec", false,
            "sim: bind() with an AF_UNSPEC any-address on an AF_INET socket (Linux takes it as 0.0.0.0)"),
    SIM_UDP_ACCEPT("sim-udp-accept", false,
            "sim: accept() on a UDP socket (Linux: EOPNOTSUPP)"),
    SIM_UDP_SHUT_RD("sim-udp-shut-rd", false,
            "sim: UDP shutdown(SHUT_RD) (a blocking recv() then returns 0 at once)"),
    SIM_SENDTO_PORT_ZERO("sim-sendto-port-zero", false,
            "sim: sendto() port 0 (Linux: EINVAL)"),

    // java.nio: issue 12, section 2.
    NIO_POLL_ERR_HUP("nio-poll-err-hup", true,
            "nio: poll() cannot see an error behind unread data: Java has no MSG_PEEK and no SO_ERROR, and reading"
                    + " the data to find the error would change what close() sends (FIN instead of RST)");

    private final String id;
    private final boolean inIssue;
    private final String text;

    Bullet(String id, boolean inIssue, String text) {
        this.id = id;
        this.inIssue = inIssue;
        this.text = text;
    }

    /** The short name {@code known-mismatches.txt} uses. */
    String id() {
        return id;
    }

    /** Whether issue 12 lists this bug; false for a difference the corpus found. */
    boolean inIssue() {
        return inIssue;
    }

    /** The bug in one line. */
    String text() {
        return text;
    }

    static Optional<Bullet> ofId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
