package dev.connectkit.javamap;

import dev.connectkit.posix.Errno;

/**
 * One row of the errno-to-Java table: the exception the JDK raises for an errno (or the value it returns
 * instead), and the prefix its message starts with on Linux. Messages are compared by prefix only: their text
 * changes with the JDK update and with {@code jdk.includeInExceptions}.
 *
 * @param errno         the kernel's errno
 * @param exception     the exception type the JDK raises, or null when the JDK returns a value instead
 * @param messagePrefix what the message starts with ({@code ""} when the JDK gives no message)
 * @param javaSide      what a Java program sees, in one line
 */
public record Translation(Errno errno, Class<? extends Throwable> exception, String messagePrefix, String javaSide) {

    /** Whether {@code t} is what this row says the JDK raises for its errno. */
    public boolean matches(Throwable t) {
        return exception != null && exception.isInstance(t) && exception == t.getClass()
                && (messagePrefix.isEmpty() || String.valueOf(t.getMessage()).startsWith(messagePrefix));
    }
}
