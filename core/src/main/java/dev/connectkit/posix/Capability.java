package dev.connectkit.posix;

/**
 * Something a backend may or may not be able to express. The kernel can do all of these; the simulator and
 * java.nio each lack some. {@link Sockets#capabilities()} lists what a backend has; a call that needs a missing
 * one fails with {@link UnsupportedCapabilityException} naming it, so no backend ever differs silently.
 */
public enum Capability {
    /** A signal delivered to a thread blocked in a call, which then fails with EINTR (S-10). */
    SIGNALS("deliver a signal that interrupts a blocked call (EINTR)"),
    /** The TCP_SYNCNT option: how many SYN retransmits before connect() fails with ETIMEDOUT (S-09). */
    TCP_SYNCNT("set TCP_SYNCNT, the number of SYN retransmits"),
    /** connect() with an address length the caller chooses, to see the kernel refuse a wrong one (EINVAL). */
    EXPLICIT_ADDRLEN("pass connect() an explicit address length"),
    /** connect() to AF_UNSPEC on a stream socket, which Linux turns into a disconnect. */
    STREAM_AF_UNSPEC("connect() a stream socket to AF_UNSPEC"),
    /** AF_UNIX datagram sockets. */
    UNIX_DATAGRAM("open an AF_UNIX datagram socket"),
    /** Setting or reading IPV6_V6ONLY on an AF_INET6 socket. */
    IPV6_V6ONLY("set or read IPV6_V6ONLY"),
    /** connect() or sendto() with destination port 0, which Linux attempts (TCP: ECONNREFUSED on loopback). */
    PORT_ZERO_DESTINATION("connect or send to port 0"),
    /** Descriptors that are not sockets ({@code open()} of a file), to which every socket call says ENOTSOCK. */
    FILE_DESCRIPTORS("open a descriptor that is not a socket"),
    /** bind() to a broadcast address (127.255.255.255), which Linux's inet_bind() accepts (RTN_BROADCAST). */
    BIND_BROADCAST("bind to a broadcast address"),
    /** AF_UNIX paths of 107 or 108 bytes: sun_path holds 108, and Linux needs no final NUL. */
    LONG_UNIX_PATHS("use an AF_UNIX path of 107 or 108 bytes"),
    /** listen() with a backlog of 0 (one connection may wait) or a negative one (somaxconn). */
    LISTEN_BACKLOG_ZERO("listen with a backlog of 0 or less"),
    /** bind() an AF_UNIX client after connect(), which Linux allows while the client is unnamed. */
    BIND_AFTER_CONNECT("bind an unnamed AF_UNIX client after it connected"),
    /** bind() of an AF_UNIX socket to the unnamed address, which Linux answers with an abstract name of its own. */
    UNIX_AUTOBIND("autobind an AF_UNIX socket to an abstract name");

    private final String what;

    Capability(String what) {
        this.what = what;
    }

    /** What a backend with this capability can do, as a phrase: {@code "set TCP_SYNCNT, ..."}. */
    public String what() {
        return what;
    }
}
