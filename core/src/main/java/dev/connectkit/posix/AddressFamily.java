package dev.connectkit.posix;

/** An address family ({@code sa_family}): the kind of address a socket speaks. */
public enum AddressFamily {
    /** The "null address" of the man page: connecting to it resets a datagram socket's peer (S-06). */
    AF_UNSPEC,
    /** Local sockets named by a path; connect() does not bind them implicitly (S-02). */
    AF_UNIX,
    /** IPv4. */
    AF_INET,
    /** IPv6. */
    AF_INET6
}
