package dev.connectkit.examples.timeout;

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

import static dev.connectkit.manpage.Statement.S_08;
import static dev.connectkit.manpage.Statement.S_09;
import static dev.connectkit.manpage.Statement.S_11;
import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * A blocking connect() that times out. The man page's "unspecified timeout" is, on Linux, tcp_syn_retries SYN
 * retransmits (6: about 127 s); TCP_SYNCNT=1 shortens it to about 3 s. Then the two ways to choose your own
 * timeout: a non-blocking connect with poll(), and Java's {@code Socket.connect(address, timeout)}.
 */
public final class ConnectTimeout implements Example {

    /** The example, ready to run. */
    public ConnectTimeout() {
    }

    @Override
    public String name() {
        return "connect-timeout";
    }

    @Override
    public String summary() {
        return "a blocking connect() that times out: ETIMEDOUT from the kernel, and timeouts of your own";
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
            try (SaturatedListener busy = SaturatedListener.open(s)) {
                out.peer("listening on " + busy.address() + " with a full accept queue: it never answers a SYN");

                out.heading("1. The kernel's timeout, shortened with TCP_SYNCNT (" + backend.describe() + ")");
                kernelTimeout(s, busy.address(), 1, out);
                if (backend.simulated()) {
                    out.heading("1b. Linux's default timeout: 6 retransmits (virtual time makes it quick)");
                    kernelTimeout(s, busy.address(), 6, out);
                }

                out.heading("2. A timeout of your own: non-blocking connect() and poll()");
                pollTimeout(s, busy.address(), 500, out);

                out.heading("3. Java's timeout: Socket.connect(address, 700)");
                if (backend.simulated()) {
                    out.note("java.net.Socket always uses the real kernel: skipped with --simulated");
                } else {
                    JavaTimeout.run(busy.address(), 700, out);
                }
            }
            backend.printTrace(out);
        }
    }

    // tag::kernel-timeout[]
    static void kernelTimeout(Sockets s, SockAddr.In server, int synRetries, Narrator out) throws ErrnoException {
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> s.socket(AF_INET, SOCK_STREAM));
        out.call("setsockopt(" + sockfd + ", IPPROTO_TCP, TCP_SYNCNT, " + synRetries + ")",
                () -> s.setsockopt(sockfd, SocketOption.TCP_SYNCNT, synRetries));
        long start = s.clock().millis();
        try {
            out.call(S_08, "connect(" + sockfd + ", " + server + ")", () -> s.connect(sockfd, server));
        } catch (ErrnoException e) {
            long elapsed = s.clock().millis() - start;
            out.note(S_09, "connect() blocked for " + seconds(elapsed) + " s, then gave up: the attempt is aborted");
        } finally {
            out.call("close(" + sockfd + ")", () -> s.close(sockfd));
        }
    }
    // end::kernel-timeout[]

    // tag::poll-timeout[]
    static void pollTimeout(Sockets s, SockAddr.In server, int timeoutMillis, Narrator out) throws ErrnoException {
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> s.socket(AF_INET, SOCK_STREAM));
        out.call("fcntl(" + sockfd + ", F_SETFL, O_NONBLOCK)", () -> s.setNonBlocking(sockfd, true));
        try {
            s.connect(sockfd, server);
        } catch (ErrnoException e) {
            out.failed("connect(" + sockfd + ", " + server + ")", e, S_11);
        }
        var ready = out.call("poll(" + sockfd + ", POLLOUT, " + timeoutMillis + " ms)",
                () -> s.poll(PollFd.writable(sockfd), timeoutMillis));
        if (ready.isEmpty()) {
            out.note("no answer within " + timeoutMillis + " ms: our timeout; closing the socket aborts the attempt");
        }
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
    }
    // end::poll-timeout[]

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", Duration.ofMillis(millis).toMillis() / 1000.0);
    }
}
