package dev.connectkit.posix;

import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.Serial;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A system call that returned -1: the call, the errno it set, and (where the call had them) the descriptor and
 * the address it was given.
 *
 * <p>This is how the kit's POSIX-shaped API reports what C reports as {@code -1} plus {@code errno}. Every
 * outcome the man page names (EINPROGRESS, EALREADY, EISCONN, EINTR, …) arrives this way, so a caller sees
 * exactly what a C program would see, and nothing is hidden behind a Java exception type. Like the JDK, which
 * attaches the address to a failed connect, the message names what failed:
 * {@code connect(3, 127.0.0.1:9): Connection refused (ECONNREFUSED (111))}.
 * {@link #getLocalizedMessage()} gives the same in the {@linkplain Language#current() current language}.
 */
public final class ErrnoException extends IOException {
    @Serial
    private static final long serialVersionUID = 2L;
    private static final int NO_FD = -1;

    private final String call;
    private final Errno errno;
    private final int fd;
    private final transient SockAddr address;

    /** A failure of {@code call} with {@code errno}, before the descriptor and address are known. */
    public ErrnoException(String call, Errno errno) {
        this(call, errno, NO_FD, null);
    }

    /**
     * A failure of {@code call} on descriptor {@code fd} (-1 for none), given {@code address} (null for none),
     * with {@code errno}.
     */
    public ErrnoException(String call, Errno errno, int fd, SockAddr address) {
        super(describe(Objects.requireNonNull(call, "call"), fd, address, Objects.requireNonNull(errno, "errno"),
                Language.EN));
        this.call = call;
        this.errno = errno;
        this.fd = fd < 0 ? NO_FD : fd;
        this.address = address;
    }

    /**
     * The same failure, naming the descriptor and the address the call was given: what the kit attaches before
     * a caller sees the exception. An exception that already names a descriptor is returned as it is.
     */
    public ErrnoException at(int fd, SockAddr address) {
        if (this.fd != NO_FD || fd < 0) {
            return this;
        }
        ErrnoException named = new ErrnoException(call, errno, fd, address);
        named.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            named.addSuppressed(s);
        }
        return named;
    }

    /** The name of the system call that failed, such as {@code "connect"}. */
    public String call() {
        return call;
    }

    /** The errno the call set. */
    public Errno errno() {
        return errno;
    }

    /** The descriptor the call was given, if it took one. */
    public OptionalInt fd() {
        return fd == NO_FD ? OptionalInt.empty() : OptionalInt.of(fd);
    }

    /** The address the call was given (connect, bind, sendto), if any. */
    public Optional<SockAddr> address() {
        return Optional.ofNullable(address);
    }

    /** The message in the current language: {@code connect(3, 127.0.0.1:9)：拒绝连接 (ECONNREFUSED (111))}. */
    @Override
    public String getLocalizedMessage() {
        return describe(call, fd, address, errno, Language.current());
    }

    private static String describe(String call, int fd, SockAddr address, Errno errno, Language language) {
        StringBuilder text = new StringBuilder(call);
        if (fd >= 0) {
            text.append('(').append(fd);
            if (address != null) {
                text.append(", ").append(address);
            }
            text.append(')');
        }
        text.append(language == Language.ZH ? "：" : ": ");
        return text.append(errno.meaning(language)).append(" (").append(errno.describe()).append(')').toString();
    }
}
