package dev.connectkit.trace;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;
import dev.connectkit.sim.TraceEvent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One line of a trace: a call, a note the program added, or (on the simulated network) something that happened
 * on the wire. Every line starts with its time since the trace began, in seconds, as {@code strace -r} does
 * with the time since the previous call; on the simulated network it is virtual time.
 *
 * <pre>
 *   0.000000 socket(AF_INET, SOCK_STREAM, 0) = 3
 *   0.000000 connect(3, {AF_INET, 127.0.0.1:8080}, 16) = -1 ECONNREFUSED (Connection refused)  [S-07]
 *   0.000000   local SEND    SYN 127.0.0.1:32768 &gt; 127.0.0.1:8080
 *   0.000000 # nothing listens there
 * </pre>
 *
 * The format is stable: golden tests hold it byte for byte.
 */
public sealed interface TraceLine {

    /** When it happened, since the trace began. */
    Duration at();

    /** The line as the trace prints it, with errno meanings in {@code language}. */
    String format(Language language);

    /**
     * A call: as strace prints it, then the statements of the man page it exercised.
     *
     * @param process    who made it, printed as {@code [peer]}; empty for the program itself
     * @param call       the call and its arguments: {@code connect(3, {AF_INET, 127.0.0.1:8080}, 16)}
     * @param returned   what C returns: {@code 0}, a descriptor, a byte count, or {@code -1}
     * @param errno      the errno of a failure, or null
     * @param detail     what strace adds after the value ({@code (Timeout)}), or empty
     * @param took       how long the call took; shown as {@code <1.000000>} when the call waited, from 50 ms up
     *                   (a quicker call is the CPU's time, not a wait; the line is stamped when it returned)
     * @param statements the statements the call exercised, kept in the man page's order
     */
    record Call(Duration at, String process, String call, String returned, Errno errno, String detail,
                Duration took, List<Statement> statements) implements TraceLine {
        /** Calls that take less than this did not wait for anything: they are shown without their duration. */
        static final Duration SHOWN_FROM = Duration.ofMillis(50);

        public Call {
            Objects.requireNonNull(at);
            Objects.requireNonNull(process);
            Objects.requireNonNull(call);
            Objects.requireNonNull(returned);
            Objects.requireNonNull(detail);
            Objects.requireNonNull(took);
            statements = statements.stream().sorted().toList();
        }

        @Override
        public String format(Language language) {
            StringBuilder line = new StringBuilder(time(at)).append(' ');
            if (!process.isEmpty()) {
                line.append('[').append(process).append("] ");
            }
            line.append(call).append(" = ").append(returned);
            if (errno != null) {
                line.append(' ').append(errno.name()).append(" (").append(errno.meaning(language)).append(')');
            }
            if (!detail.isEmpty()) {
                line.append(' ').append(detail);
            }
            if (took.compareTo(SHOWN_FROM) >= 0) {
                line.append(" <").append(seconds(took)).append('>');
            }
            if (!statements.isEmpty()) {
                line.append("  [").append(statements.stream().map(Statement::id).collect(Collectors.joining(", ")))
                        .append(']');
            }
            return line.toString();
        }
    }

    /** A note the program added to its trace: {@code # the listener is busy}. */
    record Note(Duration at, String text) implements TraceLine {
        public Note {
            Objects.requireNonNull(at);
            Objects.requireNonNull(text);
        }

        @Override
        public String format(Language language) {
            return time(at) + " # " + Printable.line(text);
        }
    }

    /** A step of the simulated network other than a call: a segment sent, a state change, a timer, a signal. */
    record Network(Duration at, String host, TraceEvent.Kind kind, String text) implements TraceLine {
        public Network {
            Objects.requireNonNull(at);
            Objects.requireNonNull(host);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(text);
        }

        @Override
        public String format(Language language) {
            return time(at) + "   " + host + " " + String.format(java.util.Locale.ROOT, "%-7s", kind) + " " + Printable.line(text);
        }
    }

    /** Seconds with microseconds, right-aligned in ten columns: {@code "  3.000000"}. */
    private static String time(Duration at) {
        String s = seconds(at);
        return s.length() >= 10 ? s : " ".repeat(10 - s.length()) + s;
    }

    private static String seconds(Duration d) {
        long micros = d.toNanos() / 1_000;
        return (micros / 1_000_000) + "." + String.format(java.util.Locale.ROOT, "%06d", micros % 1_000_000);
    }
}
