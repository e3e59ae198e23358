package dev.connectkit.internal.libc;

/**
 * The Linux constants the native backend passes to libc, with the header each comes from. They are the same on
 * x86_64 and aarch64 (both use the generic ABI for these values).
 */
final class LinuxAbi {
    private LinuxAbi() {
    }

    // <bits/socket.h>
    static final int AF_UNSPEC = 0;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;

    // <asm-generic/socket.h>
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_BROADCAST = 6;
    static final int SO_LINGER = 13;

    // <netinet/in.h>, <netinet/tcp.h>
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;
    static final int TCP_SYNCNT = 7;
    static final int IPV6_V6ONLY = 26;

    // <fcntl.h>
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 04000;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 02000000;

    // <poll.h>
    static final short POLLIN = 0x001;
    static final short POLLOUT = 0x004;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    // <sys/epoll.h>
    static final int EPOLL_CLOEXEC = 02000000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    /**
     * {@code struct epoll_event { uint32_t events; epoll_data_t data; }} is declared packed on x86_64 (12 bytes,
     * data at offset 4) and naturally aligned on aarch64 (16 bytes, data at offset 8): the one struct in this
     * mirror whose layout differs between the two.
     */
    static final boolean EPOLL_EVENT_PACKED = !System.getProperty("os.arch", "").equals("aarch64");
    static final long EPOLL_EVENT_SIZE = EPOLL_EVENT_PACKED ? 12 : 16;
    static final long EPOLL_EVENT_DATA_OFFSET = EPOLL_EVENT_PACKED ? 4 : 8;

    // <signal.h>
    static final int SA_RESTART = 0x10000000;

    // sizes of the C structures
    static final int SOCKADDR_STORAGE_SIZE = 128;
    static final int SUN_PATH_SIZE = 108;
}
