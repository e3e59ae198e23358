package dev.connectkit.javamap;

import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Errno;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The translation between errno and Java, in one place: what the JDK (25, on Linux) raises for each errno the kit
 * knows, and what each state error of java.nio stands for in POSIX terms.
 *
 * <p>The JDK's native code ({@code Net.c}) maps ECONNREFUSED, ETIMEDOUT and ENOTCONN to
 * {@link ConnectException}; EHOSTUNREACH to {@link NoRouteToHostException}; EADDRINUSE, EADDRNOTAVAIL and EACCES
 * to {@link BindException}; everything else to {@link SocketException} with the C library's text. EINPROGRESS is
 * not an error in Java: a non-blocking {@code connect()} returns false. The state errors are raised by the channel
 * itself, from its own state machine, before the kernel is asked.
 */
public final class JavaErrors {
    private JavaErrors() {
    }

    /** What a Java program sees of an errno without a row of its own. */
    static final String DEFAULT_JAVA_SIDE = "Net.c's default: SocketException with the C library's text";

    /** The errnos whose Java form is specific; every other errno follows {@code Net.c}'s default. */
    private static final List<Translation> SPECIFIC = List.of(
            row(Errno.ECONNREFUSED, ConnectException.class, "Connection refused",
                    "connect() or finishConnect() throws; the channel is closed"),
            row(Errno.ETIMEDOUT, ConnectException.class, "Connection timed out",
                    "the kernel's timeout; Java's own timeout is SocketTimeoutException instead"),
            row(Errno.ENOTCONN, ConnectException.class, "",
                    "Net.c maps it to ConnectException; I/O on an unconnected channel is NotYetConnectedException"),
            row(Errno.EHOSTUNREACH, NoRouteToHostException.class, "No route to host", "connect() throws"),
            row(Errno.EADDRINUSE, BindException.class, "Address already in use",
                    "bind() throws; Linux's connect() reports a taken address as EADDRNOTAVAIL"),
            row(Errno.EADDRNOTAVAIL, BindException.class, "Cannot assign requested address",
                    "bind() or connect() throws"),
            row(Errno.EACCES, BindException.class, "Permission denied",
                    "DatagramChannel.connect() to a broadcast address without SO_BROADCAST"),
            row(Errno.ENETUNREACH, SocketException.class, "Network is unreachable", "not NoRouteToHostException"),
            row(Errno.ENETDOWN, SocketException.class, "Network is down", "connect() throws"),
            row(Errno.ECONNRESET, SocketException.class, "Connection reset",
                    "finishConnect() throws when the attempt was reset; read() or write() after a reset"),
            row(Errno.ECONNABORTED, SocketException.class, "Software caused connection abort", "rare in Java"),
            row(Errno.EPIPE, IOException.class, "Broken pipe", "write() after the peer is gone"),
            row(Errno.ENOENT, SocketException.class, "No such file or directory",
                    "a Unix-domain connect() to a missing path"),
            row(Errno.EAGAIN, SocketException.class, "Resource temporarily unavailable",
                    "a non-blocking Unix-domain connect() to a full backlog; the channel is closed"),
            row(Errno.EPROTOTYPE, SocketException.class, "Protocol wrong type for socket",
                    "not reachable: Java's Unix-domain channels are stream only"),
            row(Errno.EINVAL, SocketException.class, "Invalid argument",
                    "rare: Java passes the right address length itself"),
            row(Errno.EINPROGRESS, null, "", "not an exception: a non-blocking connect() returns false"),
            row(Errno.EALREADY, ConnectionPendingException.class, "",
                    "Java's own state check: connect() again while the attempt is pending"),
            row(Errno.EISCONN, AlreadyConnectedException.class, "", "Java's own state check"),
            row(Errno.EINTR, ClosedByInterruptException.class, "",
                    "Thread.interrupt() wakes the call with a signal and closes the channel: the attempt is aborted"),
            row(Errno.EBADF, ClosedChannelException.class, "", "any call on a closed channel"),
            row(Errno.EAFNOSUPPORT, UnsupportedAddressTypeException.class, "",
                    "Java checks the address type before any system call"),
            row(Errno.EDESTADDRREQ, NotYetConnectedException.class, "",
                    "write() on a DatagramChannel that is not connected"),
            row(Errno.EPERM, SocketException.class,
                    "Operation not permitted", "a firewall rule; no loopback case"));

    /**
     * Every errno of {@link Errno}, and what Java makes of it: the specific rows above, then Net.c's default for the
     * rest ({@link SocketException} with the C library's text).
     */
    public static final List<Translation> TRANSLATIONS = java.util.stream.Stream.concat(SPECIFIC.stream(),
            java.util.Arrays.stream(Errno.values())
                    .filter(e -> SPECIFIC.stream().noneMatch(t -> t.errno() == e))
                    .map(e -> row(e, SocketException.class, e.meaning(), DEFAULT_JAVA_SIDE)))
            .toList();

    /** The Chinese of each row's {@link Translation#javaSide()}: a key per specific row, and {@code default}. */
    static final String BUNDLE = "dev.connectkit.javamap.JavaErrors";

    /**
     * What a Java program sees of {@code errno} ({@link Translation#javaSide()}) in {@code language}: the English is
     * the table's own, the Chinese comes from the {@code JavaErrors_zh} bundle.
     */
    public static String javaSide(Errno errno, Language language) {
        Translation row = of(errno);
        if (language == Language.EN) {
            return row.javaSide();
        }
        String key = row.javaSide().equals(DEFAULT_JAVA_SIDE) ? "default" : errno.name();
        return ResourceBundle.getBundle(BUNDLE, language.bundleLocale()).getString(key);
    }

    /** The state errors of java.nio and the POSIX situations they stand for. */
    public static final List<StateError> STATE_ERRORS = List.of(
            new StateError(ConnectionPendingException.class, Errno.EALREADY,
                    "connect() while a non-blocking attempt is still pending"),
            new StateError(AlreadyConnectedException.class, Errno.EISCONN,
                    "connect() on a socket that is already connected"),
            new StateError(NoConnectionPendingException.class, null,
                    "finishConnect() with no connect() before it; in C, SO_ERROR on such a socket simply reads 0"),
            new StateError(UnresolvedAddressException.class, null,
                    "an address that is still a name: C's connect() takes numbers only, getaddrinfo() comes first"),
            new StateError(UnsupportedAddressTypeException.class, Errno.EAFNOSUPPORT,
                    "an address of another family than the socket's"),
            new StateError(NotYetConnectedException.class, Errno.ENOTCONN,
                    "read or write on a socket that is not connected (EDESTADDRREQ for a datagram write)"),
            new StateError(java.nio.channels.AlreadyBoundException.class, Errno.EINVAL,
                    "bind() on a socket that is already bound"));

    private static Translation row(Errno errno, Class<? extends Throwable> exception, String prefix, String javaSide) {
        return new Translation(errno, exception, prefix, javaSide);
    }

    /** The row for {@code errno}. */
    public static Translation of(Errno errno) {
        return TRANSLATIONS.stream().filter(t -> t.errno() == errno).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Java translation for " + errno));
    }

    /**
     * The errno a JDK exception stands for: the first row whose type and message prefix match, then the state
     * errors, then {@link AsynchronousCloseException} (EBADF: closed while the call ran).
     */
    public static Optional<Errno> errnoOf(Throwable t) {
        for (Translation row : TRANSLATIONS) {
            if (row.exception() != null && row.exception() == t.getClass()
                    && (!row.messagePrefix().isEmpty() && String.valueOf(t.getMessage()).startsWith(row.messagePrefix()))) {
                return Optional.of(row.errno());
            }
        }
        for (StateError e : STATE_ERRORS) {
            if (e.exception().isInstance(t) && e.errno() != null) {
                return Optional.of(e.errno());
            }
        }
        if ((t instanceof SocketException || t.getClass() == IOException.class) && t.getMessage() != null) {
            // Net.c's default: SocketException (or, from a read or write, IOException) with strerror()'s text,
            // for any errno without a row of its own.
            for (Errno errno : Errno.values()) {
                if (t.getMessage().startsWith(errno.meaning())) {
                    return Optional.of(errno);
                }
            }
        }
        if (t instanceof PortUnreachableException) {
            return Optional.of(Errno.ECONNREFUSED); // a connected datagram socket learnt of an ICMP port unreachable
        }
        if (t instanceof ClosedByInterruptException) {
            return Optional.of(Errno.EINTR);
        }
        if (t instanceof ClosedChannelException) {
            return Optional.of(Errno.EBADF);
        }
        return Optional.empty();
    }
}
