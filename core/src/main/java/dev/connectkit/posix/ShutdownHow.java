package dev.connectkit.posix;

/** The {@code how} argument of shutdown(). */
public enum ShutdownHow {
    /** No more receptions. */
    SHUT_RD,
    /** No more transmissions (sends FIN on TCP). */
    SHUT_WR,
    /** Both. */
    SHUT_RDWR
}
