package dev.connectkit.javamap;

import dev.connectkit.posix.Errno;

/**
 * A Java-level state error of the channel API, and the POSIX situation it stands for.
 *
 * @param exception the unchecked exception java.nio throws before any system call
 * @param errno     the errno a C program would see in the same situation, or null when there is none
 * @param situation the POSIX situation, in one line
 */
public record StateError(Class<? extends RuntimeException> exception, Errno errno, String situation) {
}
