package dev.connectkit.examples.interrupted;

import dev.connectkit.examples.support.Backend;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.connectkit.manpage.Statement.S_10;
import static dev.connectkit.manpage.Statement.S_12;
import static dev.connectkit.manpage.Statement.S_13;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A real signal interrupts a blocking connect(): it fails with EINTR, but the attempt is not aborted and the
 * connection completes asynchronously. Calling connect() again is the classic mistake (EALREADY on a
 * non-blocking socket); the correct way is to wait for writability and read SO_ERROR.
 */
public final class InterruptedConnect implements Example {

    /** The example, ready to run. */
    public InterruptedConnect() {
    }

    @Override
    public String name() {
        return "interrupted-connect";
    }

    @Override
    public String summary() {
        return "a signal interrupts connect(): EINTR, yet the connection completes; how to wait for it";
    }

    @Override
    public String usage() {
        return "[--simulated]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options options = Options.parse(args, Set.of(), Set.of(Backend.SIMULATED));
        try (Backend backend = Backend.open(options.flag(Backend.SIMULATED));
             SaturatedListener busy = SaturatedListener.open(backend.sockets())) {
            out.heading("An interrupted connect() (" + backend.describe() + ")");
            out.peer("listening on " + busy.address() + " with a full accept queue: the SYN waits unanswered");
            interruptThenWait(backend.sockets(), busy, out);
            backend.printTrace(out);
        }
    }

    // tag::interrupted[]
    static void interruptThenWait(Sockets s, SaturatedListener busy, Narrator out) throws ErrnoException {
        SockAddr.In server = busy.address();
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> s.socket(AF_INET, SOCK_STREAM));
        s.alarm(Duration.ofMillis(300));
        out.note("a signal will arrive in 300 ms (its handler is installed without SA_RESTART)");
        try {
            s.connect(sockfd, server);
        } catch (ErrnoException e) {
            out.failed("connect(" + sockfd + ", " + server + ")", e, S_10);
        }
        try {
            s.getpeername(sockfd);
        } catch (ErrnoException e) {
            out.failed("getpeername(" + sockfd + ")", e, null);
            out.note("not connected yet, but not given up either: the kernel keeps retransmitting the SYN");
        }

        out.println("-- the wrong way: call connect() again --");
        out.call("fcntl(" + sockfd + ", F_SETFL, O_NONBLOCK)", () -> s.setNonBlocking(sockfd, true));
        try {
            s.connect(sockfd, server);
        } catch (ErrnoException e) {
            out.failed("connect(" + sockfd + ", " + server + ")", e, S_12);
            out.note("a retry loop that treats this as failure gives up on a connection that is on its way");
        }

        out.println("-- the right way: wait until the socket is writable, then read SO_ERROR --");
        busy.acceptFillers();
        out.peer("accepted the waiting connection: there is room in the queue again");
        out.call(S_13, "poll(" + sockfd + ", POLLOUT, 10 s)", () -> s.poll(PollFd.writable(sockfd), 10_000));
        int error = out.call("getsockopt(" + sockfd + ", SOL_SOCKET, SO_ERROR)",
                () -> s.getsockopt(sockfd, SocketOption.SO_ERROR));
        out.call(S_10, "getpeername(" + sockfd + ")", () -> s.getpeername(sockfd));
        out.note(error == 0 ? "the interrupted attempt completed asynchronously, as the man page says"
                : "the attempt failed after all");
        int accepted = s.accept(busy.fd());
        out.peer("accepted the connection from " + s.getpeername(accepted));
        s.close(accepted);
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
    }
    // end::interrupted[]
}
