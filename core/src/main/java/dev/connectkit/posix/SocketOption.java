package dev.connectkit.posix;

/** The socket options the man page's behaviour needs, read with getsockopt() and set with setsockopt(). */
public enum SocketOption {
    /** {@code SOL_SOCKET/SO_ERROR}: read and clear the pending error; 0 after a successful asynchronous connect. */
    SO_ERROR,
    /** {@code SOL_SOCKET/SO_BROADCAST}: permission to address a broadcast address (S-14). */
    SO_BROADCAST,
    /** {@code SOL_SOCKET/SO_REUSEADDR}: allow binding a local address still in TIME_WAIT. */
    SO_REUSEADDR,
    /** {@code SOL_SOCKET/SO_LINGER} with l_onoff=1 and this l_linger (seconds); 0 makes close() send RST. */
    SO_LINGER,
    /** {@code IPPROTO_TCP/TCP_SYNCNT}: how many SYN retransmits before connect() gives ETIMEDOUT (S-09). */
    TCP_SYNCNT,
    /** {@code IPPROTO_IPV6/IPV6_V6ONLY}: an AF_INET6 socket that refuses IPv4-mapped peers. */
    IPV6_V6ONLY
}
