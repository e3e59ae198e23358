package dev.connectkit.posix;

import java.util.EnumSet;
import java.util.Set;

/** One entry of poll()'s array: a descriptor and the events the caller waits for ({@code struct pollfd}). */
public record PollFd(int fd, Set<PollEvent> events) {
    public PollFd {
        if (events == null) {
            throw new IllegalArgumentException("poll: the events of fd " + fd + " must not be null (use an empty set)");
        }
        events = events.isEmpty() ? EnumSet.noneOf(PollEvent.class) : EnumSet.copyOf(events);
    }

    /** Wait for {@code fd} to become writable: how a non-blocking connect is awaited (S-13). */
    public static PollFd writable(int fd) {
        return new PollFd(fd, EnumSet.of(PollEvent.POLLOUT));
    }

    /** Wait for {@code fd} to become readable, or for a listener to have a connection to accept. */
    public static PollFd readable(int fd) {
        return new PollFd(fd, EnumSet.of(PollEvent.POLLIN));
    }
}
