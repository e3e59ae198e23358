package dev.connectkit.posix;

import java.io.IOException;
import java.util.Objects;

/**
 * A system call that returned -1: the call's name and the errno it set.
 *
 * <p>This is how the kit's POSIX-shaped API reports what C reports as {@code -1} plus {@code errno}. Every
 * outcome the man page names (EINPROGRESS, EALREADY, EISCONN, EINTR, …) arrives this way, so a caller sees
 * exactly what a C program would see, and nothing is hidden behind a Java exception type.
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final Errno errno;

    /** A failure of {@code call} with {@code errno}. */
    public ErrnoException(String call, Errno errno) {
        super(call + ": " + Objects.requireNonNull(errno).meaning() + " (" + errno.describe() + ")");
        this.call = Objects.requireNonNull(call);
        this.errno = errno;
    }

    /** The name of the system call that failed, such as {@code "connect"}. */
    public String call() {
        return call;
    }

    /** The errno the call set. */
    public Errno errno() {
        return errno;
    }
}
