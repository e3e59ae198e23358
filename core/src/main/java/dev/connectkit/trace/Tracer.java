package dev.connectkit.trace;

import dev.connectkit.i18n.Language;
import dev.connectkit.internal.CallObserver;
import dev.connectkit.internal.Invocation;
import dev.connectkit.internal.Syscalls;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * strace for the kit: wraps any {@link Sockets} so that every call it makes is printed the way strace prints it,
 * with the statements of the man page the call exercised, the time since the trace began, and (on the simulated
 * network) what happened on the wire in between.
 *
 * <pre>{@code
 * Tracer tracer = Tracer.printingTo(System.out);
 * try (Sockets sockets = tracer.trace(Sockets.nativeLibc())) {
 *     int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
 *     sockets.connect(sockfd, SockAddr.loopback(9));
 * }
 * }</pre>
 * prints
 * <pre>
 *   0.000000 socket(AF_INET, SOCK_STREAM, 0) = 3
 *   0.000041 connect(3, {AF_INET, 127.0.0.1:9}, 16) = -1 ECONNREFUSED (Connection refused)  [S-07]
 * </pre>
 *
 * <p>The traced {@code Sockets} is a second front on the same descriptors: calls made through the original are
 * not traced, and closing either closes both. A program adds its own lines with {@link #note(String)}; a call
 * made for someone else (the example's own peer) can be traced under a name, as {@code strace -f} prints a pid.
 * Errno meanings are printed in the tracer's {@link Language}. The format is described by {@link TraceLine}.
 *
 * <p>A call's line is printed when the call returns, stamped with that time, after the wire events that happened
 * while it ran (as strace prints a blocked call when it resumes); {@code <3.000000>} says how long it waited.
 * The trace is therefore a timeline: nothing is printed before what caused it. A tracer may be used from several
 * threads; each line is printed whole.
 */
public final class Tracer {
    private final Consumer<TraceLine> sink;
    private final Object lock = new Object();
    private final List<Process> processes = new ArrayList<>();
    private final List<NetworkFeed> feeds = new ArrayList<>();
    private InstantSource clock;
    private Instant origin;

    private Tracer(Consumer<TraceLine> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A tracer that prints each line to {@code out}, errno meanings in the current language. */
    public static Tracer printingTo(PrintStream out) {
        return printingTo(out, Language.current());
    }

    /** A tracer that prints each line to {@code out}, errno meanings in {@code language}. */
    public static Tracer printingTo(PrintStream out, Language language) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(language, "language");
        return new Tracer(line -> out.println(line.format(language)));
    }

    /**
     * The statements of the man page a {@code connect()} on a connection-mode socket shows when it fails with
     * {@code errno}, as the trace marks its line: S-07 for ECONNREFUSED, S-09 ETIMEDOUT, S-10 EINTR, S-11
     * EINPROGRESS, S-12 EALREADY, S-14 EACCES and EPERM; none for the others.
     */
    public static List<Statement> statementsOf(Errno errno) {
        return StatementRules.ofFailedConnect(errno, true);
    }

    /** A tracer that hands each line to {@code sink}, for a program that keeps or checks its trace. */
    public static Tracer to(Consumer<TraceLine> sink) {
        return new Tracer(sink);
    }

    /** {@code sockets}, with every call it makes traced. */
    public Sockets trace(Sockets sockets) {
        return trace(sockets, "");
    }

    /**
     * {@code sockets}, with every call traced under the name {@code process} ({@code [peer] accept(3, NULL, NULL)
     * = 4}); for the calls a program makes on behalf of someone else, such as its own test peer.
     */
    public Sockets trace(Sockets sockets, String process) {
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(process, "process");
        Syscalls front = (Syscalls) sockets; // the only kind of Sockets there is: the interface is sealed
        synchronized (lock) {
            if (clock == null) {
                clock = sockets.clock();
                origin = clock.instant();
            }
            Descriptors book = null;
            for (Process p : processes) {
                if (p.front.sameBackendAs(front)) {
                    book = p.book; // a second name for the same process shares what is known of its descriptors
                }
            }
            Process traced = new Process(front, book == null ? new Descriptors() : book, Printable.line(process),
                    sockets.clock());
            processes.add(traced);
            return front.observedBy(traced);
        }
    }

    /**
     * Merges {@code network}'s own steps (segments sent and dropped, state changes, timers, signals) into this
     * trace, from now on, each after the call during which it happened.
     */
    public void follow(SimNetwork network) {
        Objects.requireNonNull(network, "network");
        synchronized (lock) {
            if (clock == null) {
                clock = network.clock();
                origin = clock.instant();
            }
            feeds.add(new NetworkFeed(network));
        }
    }

    /** Adds a line of the program's own to the trace: {@code # text}. */
    public void note(String text) {
        Objects.requireNonNull(text, "text");
        synchronized (lock) {
            drainNetwork();
            sink.accept(new TraceLine.Note(now(), text));
        }
    }

    private Duration now() {
        return clock == null ? Duration.ZERO : since(clock.instant());
    }

    private Duration since(Instant instant) {
        Duration d = Duration.between(origin, instant);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void drainNetwork() {
        for (NetworkFeed feed : feeds) {
            feed.drain(origin).forEach(sink);
        }
    }

    /** One traced front: its name and what the trace knows of its descriptors. */
    private final class Process implements CallObserver {
        private final Syscalls front;
        private final Descriptors book;
        private final String name;
        private final InstantSource clock;

        Process(Syscalls front, Descriptors book, String name, InstantSource clock) {
            this.front = front;
            this.book = book;
            this.name = name;
            this.clock = clock;
        }

        @Override
        public <T> T observe(Invocation invocation, Body<T> body) throws ErrnoException {
            Instant start = clock.instant();
            T result;
            try {
                result = body.run(); // never while holding the lock: the call may block
            } catch (ErrnoException e) {
                returned(invocation, null, e.errno(), start);
                throw e;
            }
            returned(invocation, result, null, start);
            return result;
        }

        private void returned(Invocation invocation, Object result, Errno errno, Instant start) {
            Instant end = clock.instant();
            synchronized (lock) {
                List<Statement> statements = StatementRules.of(invocation, book, result, errno);
                book.learn(invocation, result, errno);
                boolean failed = errno != null;
                drainNetwork(); // what happened on the wire before and during the call comes first
                sink.accept(new TraceLine.Call(since(end), name, CallText.call(invocation, result, failed),
                        CallText.returned(invocation, result, failed), errno,
                        CallText.detail(invocation, result, failed), Duration.between(start, end), statements));
            }
        }
    }
}
