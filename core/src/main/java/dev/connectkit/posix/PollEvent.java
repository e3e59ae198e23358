package dev.connectkit.posix;

/** One bit of {@code struct pollfd}'s {@code events}/{@code revents}. */
public enum PollEvent {
    /** Data to read, or a connection to accept. */
    POLLIN,
    /** Ready for writing: how poll() reports that an asynchronous connect has finished (S-13). */
    POLLOUT,
    /** An error is pending (read it with SO_ERROR); only reported, never requested. */
    POLLERR,
    /** Hung up; after a failed connect Linux reports it together with POLLOUT and POLLERR. */
    POLLHUP,
    /** The descriptor is not open. */
    POLLNVAL
}
