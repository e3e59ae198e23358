package dev.connectkit.examples.nonblocking;

import dev.connectkit.examples.support.Backend;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.util.List;
import java.util.Set;

import static dev.connectkit.manpage.Statement.S_11;
import static dev.connectkit.manpage.Statement.S_12;
import static dev.connectkit.manpage.Statement.S_13;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A non-blocking connect() from start to end: EINPROGRESS, EALREADY while the handshake is pending, poll() for
 * writability, SO_ERROR to tell success from failure, then EISCONN; and the same with Java's Selector.
 *
 * <p>The pending state is made visible on purpose: the listener's accept queue is full, so the kernel drops the
 * SYN until the listener accepts, and the client's retransmit (about 1 s later) completes the handshake.
 */
public final class NonBlockingConnect implements Example {

    /** The example, ready to run. */
    public NonBlockingConnect() {
    }

    @Override
    public String name() {
        return "nonblocking-connect";
    }

    @Override
    public String summary() {
        return "O_NONBLOCK: EINPROGRESS, EALREADY, poll() for writability, SO_ERROR, then EISCONN";
    }

    @Override
    public String usage() {
        return "[--simulated]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options options = Options.parse(args, Set.of(), Set.of(Backend.SIMULATED));
        try (Backend backend = Backend.open(options.flag(Backend.SIMULATED))) {
            Sockets s = backend.sockets();
            out.heading("1. A listener that accepts, slowly (" + backend.describe() + ")");
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                out.peer("listening on " + busy.address() + " with a full accept queue (" + busy.fillerCount()
                        + " connection waiting): new SYNs are dropped until it accepts");
                connectToBusyListener(s, busy, out);
            }

            out.heading("2. A port where nothing listens");
            connectToClosedPort(s, Loopback.closedPort(s), out);

            out.heading("3. The same in idiomatic Java (SocketChannel, Selector, OP_CONNECT, finishConnect)");
            if (backend.simulated()) {
                out.note("java.nio always uses the real kernel: skipped with --simulated");
            } else {
                SelectorConnect.run(out);
            }
            backend.printTrace(out);
        }
    }

    // tag::busy-listener[]
    static void connectToBusyListener(Sockets s, SaturatedListener busy, Narrator out) throws ErrnoException {
        SockAddr.In server = busy.address();
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> s.socket(AF_INET, SOCK_STREAM));
        out.call("fcntl(" + sockfd + ", F_SETFL, O_NONBLOCK)", () -> s.setNonBlocking(sockfd, true));

        expectFailure(out, S_11, "connect(" + sockfd + ", " + server + ")", () -> s.connect(sockfd, server));
        out.note("the SYN is on its way; connect() returned without waiting");
        expectFailure(out, S_12, "connect(" + sockfd + ", " + server + ")", () -> s.connect(sockfd, server));
        out.call(S_13, "poll(" + sockfd + ", POLLOUT, 200 ms)", () -> s.poll(PollFd.writable(sockfd), 200));
        out.note("not writable yet: the handshake is still pending");

        busy.acceptFillers();
        out.peer("accepted the waiting connection: there is room in the queue again");
        out.call(S_13, "poll(" + sockfd + ", POLLOUT, 10 s)", () -> s.poll(PollFd.writable(sockfd), 10_000));
        int error = out.call("getsockopt(" + sockfd + ", SOL_SOCKET, SO_ERROR)",
                () -> s.getsockopt(sockfd, SocketOption.SO_ERROR));
        out.note(error == 0 ? "SO_ERROR 0: the connection is made" : "SO_ERROR " + error + ": it failed");

        out.call("connect(" + sockfd + ", " + server + ")", () -> s.connect(sockfd, server));
        out.note("Linux reports the completed attempt once with 0 ...");
        expectFailure(out, null, "connect(" + sockfd + ", " + server + ")", () -> s.connect(sockfd, server));
        out.note("... and from then on the socket is simply connected: EISCONN");
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
    }
    // end::busy-listener[]

    // tag::closed-port[]
    static void connectToClosedPort(Sockets s, SockAddr.In nobody, Narrator out) throws ErrnoException {
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> s.socket(AF_INET, SOCK_STREAM));
        out.call("fcntl(" + sockfd + ", F_SETFL, O_NONBLOCK)", () -> s.setNonBlocking(sockfd, true));
        expectFailure(out, S_11, "connect(" + sockfd + ", " + nobody + ")", () -> s.connect(sockfd, nobody));
        out.call(S_13, "poll(" + sockfd + ", POLLOUT, 2 s)", () -> s.poll(PollFd.writable(sockfd), 2_000));
        out.note("writable, but with POLLERR: a failed attempt is \"ready\" too");
        int error = out.call("getsockopt(" + sockfd + ", SOL_SOCKET, SO_ERROR)",
                () -> s.getsockopt(sockfd, SocketOption.SO_ERROR));
        out.note("SO_ERROR " + error + " is " + Errno.forNumber(error).map(Errno::describe).orElse("?")
                + ": only SO_ERROR tells a refusal from a success");
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
    }
    // end::closed-port[]

    /** Runs a call that is expected to fail with an errno, and prints its line; any other outcome is a bug. */
    private static void expectFailure(Narrator out, dev.connectkit.manpage.Statement statement, String text,
                                      Narrator.VoidCall call) {
        try {
            call.run();
            throw new IllegalStateException(text + " returned 0 where the kernel reports an errno");
        } catch (ErrnoException e) {
            out.failed(text, e, statement);
        }
    }
}
