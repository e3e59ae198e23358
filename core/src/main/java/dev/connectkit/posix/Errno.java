package dev.connectkit.posix;

import dev.connectkit.i18n.Language;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A symbolic error number: every errno that the man page or POSIX lists for {@code connect()}, plus the few
 * that Linux adds and the kit's other calls return.
 *
 * <p>The number is resolved for the running OS ({@link #number()}); code compares constants, never numbers.
 * The English meaning is the text of glibc's {@code strerror()} (a test checks it against the real libc);
 * the Chinese meaning uses the standard terms (套接字, 对端, 地址族; the seed itself writes 地址簇).
 */
public enum Errno {
    EPERM(1, 1, "Operation not permitted", "不允许的操作",
            "Linux: a firewall rule forbids the connection, or an AF_UNIX datagram peer is connected to another socket.",
            Source.LINUX),
    ENOENT(2, 2, "No such file or directory", "没有那个文件或目录",
            "AF_UNIX: a component of the path does not exist, or the path is empty.", Source.POSIX),
    EINTR(4, 4, "Interrupted system call", "系统调用被信号中断",
            "A signal arrived while a blocking connect() waited; the attempt goes on asynchronously.",
            Source.SEED, Source.POSIX),
    EIO(5, 5, "Input/output error", "输入/输出错误",
            "AF_UNIX: an I/O error while reading or writing the file system.", Source.POSIX),
    EBADF(9, 9, "Bad file descriptor", "错误的文件描述符",
            "sockfd is not an open descriptor.", Source.POSIX),
    EAGAIN(11, 35, "Resource temporarily unavailable", "资源暂时不可用",
            "Linux: a non-blocking AF_UNIX connect() finds the listener's backlog full.", Source.LINUX),
    ENOMEM(12, 12, "Cannot allocate memory", "内存不足",
            "Not returned by connect(); other calls when the kernel is out of memory."),
    EACCES(13, 13, "Permission denied", "权限不够",
            "Connecting to a broadcast address without SO_BROADCAST, or AF_UNIX search or write permission denied.",
            Source.POSIX, Source.LINUX),
    EFAULT(14, 14, "Bad address", "错误的地址",
            "Linux: the address structure lies outside the process's address space.", Source.LINUX),
    ENOTDIR(20, 20, "Not a directory", "不是目录",
            "AF_UNIX: a prefix of the path is not a directory.", Source.POSIX),
    EINVAL(22, 22, "Invalid argument", "无效的参数",
            "addrlen is wrong for the address family, or the family is invalid for this socket.", Source.POSIX),
    ENFILE(23, 23, "Too many open files in system", "系统中打开的文件过多",
            "Not returned by connect(); socket() when the system-wide limit is reached."),
    EMFILE(24, 24, "Too many open files", "打开的文件过多",
            "Not returned by connect(); socket() and accept() when the process limit is reached."),
    EPIPE(32, 32, "Broken pipe", "断开的管道",
            "Not returned by connect(); send() after the connection was shut down."),
    ENAMETOOLONG(36, 63, "File name too long", "文件名过长",
            "AF_UNIX: a path component or the whole path is too long.", Source.POSIX),
    ELOOP(40, 62, "Too many levels of symbolic links", "符号链接的层数过多",
            "AF_UNIX: a loop of symbolic links in the path.", Source.POSIX),
    ENOTSOCK(88, 38, "Socket operation on non-socket", "对非套接字进行套接字操作",
            "sockfd is a descriptor, but not a socket.", Source.POSIX),
    EDESTADDRREQ(89, 39, "Destination address required", "需要目标地址",
            "Not returned by connect(); send() on a datagram socket whose peer was reset."),
    EMSGSIZE(90, 40, "Message too long", "消息过长",
            "Not returned by connect(); a datagram larger than the protocol allows."),
    EPROTOTYPE(91, 41, "Protocol wrong type for socket", "套接字的协议类型错误",
            "The address names a socket of another type (AF_UNIX stream to datagram).", Source.POSIX),
    ENOPROTOOPT(92, 42, "Protocol not available", "协议不可用",
            "Not returned by connect(); getsockopt()/setsockopt() with an unknown option."),
    EPROTONOSUPPORT(93, 43, "Protocol not supported", "不支持的协议",
            "Not returned by connect(); socket() with a protocol the family lacks."),
    EOPNOTSUPP(95, 102, "Operation not supported", "不支持的操作",
            "The socket is listening and cannot be connected (POSIX; Linux gives EISCONN for TCP).", Source.POSIX),
    EAFNOSUPPORT(97, 47, "Address family not supported by protocol", "协议不支持该地址族",
            "The address's family is not valid for this socket.", Source.POSIX),
    EADDRINUSE(98, 48, "Address already in use", "地址已在使用",
            "The connection would use a local address already in use.", Source.POSIX),
    EADDRNOTAVAIL(99, 49, "Cannot assign requested address", "无法分配请求的地址",
            "The address is not available, or every ephemeral port is taken.", Source.POSIX, Source.LINUX),
    ENETDOWN(100, 50, "Network is down", "网络已关闭",
            "The local interface used to reach the destination is down.", Source.POSIX),
    ENETUNREACH(101, 51, "Network is unreachable", "网络不可达",
            "No route to the network is present.", Source.POSIX),
    ECONNABORTED(103, 53, "Software caused connection abort", "软件导致连接中止",
            "Linux: connect() again after a failed attempt whose SO_ERROR was already read.", Source.LINUX),
    ECONNRESET(104, 54, "Connection reset by peer", "连接被对端重置",
            "The remote host reset the connection request.", Source.POSIX),
    ENOBUFS(105, 55, "No buffer space available", "没有可用的缓冲区空间",
            "No buffer space is available.", Source.POSIX),
    EISCONN(106, 56, "Transport endpoint is already connected", "套接字已连接",
            "The connection-mode socket is already connected.", Source.POSIX),
    ENOTCONN(107, 57, "Transport endpoint is not connected", "套接字未连接",
            "Not returned by connect(); getpeername(), send() and recv() on a socket without a peer."),
    ETIMEDOUT(110, 60, "Connection timed out", "连接超时",
            "The attempt timed out before a connection was made; it is aborted.", Source.POSIX),
    ECONNREFUSED(111, 61, "Connection refused", "连接被拒绝",
            "Nothing listens at the address, or the peer refused the connection (RST).", Source.POSIX),
    EHOSTUNREACH(113, 65, "No route to host", "没有到主机的路由",
            "The destination host cannot be reached.", Source.POSIX),
    EALREADY(114, 37, "Operation already in progress", "操作已在进行中",
            "A connection request is already in progress for this socket.", Source.SEED, Source.POSIX),
    EINPROGRESS(115, 36, "Operation now in progress", "操作正在进行中",
            "O_NONBLOCK is set and the connection cannot be made at once; it completes asynchronously.",
            Source.SEED, Source.POSIX);

    /** Where an errno is listed as a result of {@code connect()}. */
    public enum Source {
        /** Named in the seed man page itself. */
        SEED,
        /** In the POSIX {@code connect()} ERRORS section. */
        POSIX,
        /** In the Linux {@code connect(2)} page, or observed on Linux. */
        LINUX
    }

    private final int linuxNumber;
    private final int darwinNumber;
    private final String meaning;
    private final String meaningZh;
    private final String whenConnect;
    private final Set<Source> sources;

    Errno(int linuxNumber, int darwinNumber, String meaning, String meaningZh, String whenConnect,
          Source... sources) {
        this.linuxNumber = linuxNumber;
        this.darwinNumber = darwinNumber;
        this.meaning = meaning;
        this.meaningZh = meaningZh;
        this.whenConnect = whenConnect;
        this.sources = sources.length == 0 ? EnumSet.noneOf(Source.class) : EnumSet.copyOf(Arrays.asList(sources));
    }

    private static final boolean DARWIN =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");

    /** The number of this errno on the running OS (Linux numbers on x86_64 and aarch64 alike). */
    public int number() {
        return DARWIN ? darwinNumber : linuxNumber;
    }

    /** The number of this errno on Linux, whatever the running OS. */
    public int linuxNumber() {
        return linuxNumber;
    }

    /** The one-line meaning in English, as glibc's {@code strerror()} gives it. */
    public String meaning() {
        return meaning;
    }

    /** The one-line meaning in Chinese. */
    public String meaningZh() {
        return meaningZh;
    }

    /** The one-line meaning in {@code language}. */
    public String meaning(Language language) {
        return switch (language) {
            case EN -> meaning;
            case ZH -> meaningZh;
        };
    }

    /** When {@code connect()} returns this errno, in one sentence. */
    public String whenConnect() {
        return whenConnect;
    }

    /** Where this errno is listed for {@code connect()}; empty when connect() does not return it. */
    public Set<Source> sources() {
        return EnumSet.copyOf(sources.isEmpty() ? EnumSet.noneOf(Source.class) : sources);
    }

    /** Whether the seed, POSIX or Linux lists this errno as a result of {@code connect()}. */
    public boolean listedForConnect() {
        return !sources.isEmpty();
    }

    /** The errno with this number on the running OS, if the kit knows it. */
    public static Optional<Errno> forNumber(int number) {
        for (Errno errno : values()) {
            if (errno.number() == number) {
                return Optional.of(errno);
            }
        }
        return Optional.empty();
    }

    /** The C spelling used in traces: {@code ECONNREFUSED (111)}. */
    public String describe() {
        return name() + " (" + number() + ")";
    }
}
