package dev.connectkit.posix;

/** A socket type: whether connect() makes a connection or only sets a peer address. */
public enum SocketType {
    /** Connection mode (TCP): connect() attempts a connection (S-07). */
    SOCK_STREAM,
    /** Connectionless (UDP): connect() sets the peer address and establishes nothing (S-03). */
    SOCK_DGRAM
}
