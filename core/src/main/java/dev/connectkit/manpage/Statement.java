package dev.connectkit.manpage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The normative statements of the seed man page ({@code connect.zh.md}), numbered so that tests, examples,
 * docs, hints and grading all name a statement the same way.
 *
 * <p>Each statement carries the seed's Chinese text verbatim (a test checks it against the seed) and an
 * English statement of what POSIX requires, with its normative "shall" where the seed writes a plain future 将.
 */
public enum Statement {
    S_01("如果 `sockfd` 尚未绑定到本地地址，则 `connect()` 应将其绑定到一个未使用的本地地址",
            "If the socket is not yet bound to a local address, connect() shall bind it to an unused local address.",
            "implicit bind"),
    S_02("（除非套接字地址的地址簇是 `AF_UNIX`）",
            "An AF_UNIX socket is the exception: the address connect() binds it to need not be an unused local"
                    + " address.",
            "the AF_UNIX exception"),
    S_03("如果 `sockfd` 不是连接模式（UDP），则 `connect()` 将设置套接字的 peer address，并且不会建立连接。",
            "If the socket is not connection-mode (UDP, or an AF_UNIX datagram socket), connect() shall set the"
                    + " socket's peer address, and no connection is made.",
            "datagram connect sets the peer"),
    S_04("对于 `SOCK_DGRAM` 套接字，对端地址指定了后续 `send()` 函数数据报发送到何处",
            "For a SOCK_DGRAM socket, the peer address identifies where the datagrams of later send() calls go.",
            "send() goes to the peer"),
    S_05("并限制后续 `recv()` 函数的远端发送方。",
            "For a SOCK_DGRAM socket, the peer address limits the remote sender for later recv() calls.",
            "recv() only from the peer"),
    S_06("如果 `serv_addr` 是协议的空地址，则应重置套接字的对端地址。",
            "If the address is the protocol's null address (family AF_UNSPEC), the socket's peer address shall be"
                    + " reset.",
            "the null address resets the peer"),
    S_07("如果 `sockfd` 是连接模式，则 `connect()` 将尝试建立与 `serv_addr` 参数指定地址的连接。",
            "If the socket is connection-mode, connect() shall attempt to establish a connection to the address"
                    + " given.",
            "connection-mode connect attempts a connection"),
    S_08("套接字的文件描述符未设置 `O_NONBLOCK` 且无法立即建立连接，则 `connect()` 将阻塞最多一个未指定的超时间隔，直到建立连接。",
            "If O_NONBLOCK is not set and the connection cannot be established at once, connect() shall block for up"
                    + " to an unspecified timeout interval until the connection is established.",
            "a blocking connect blocks"),
    S_09("如果在建立连接之前超时间隔到期，`connect()` 将失败并且连接尝试将被中止。",
            "If the timeout interval expires before the connection is established, connect() shall fail and the"
                    + " connection attempt shall be aborted.",
            "the timeout fails and aborts"),
    S_10("如果在被阻塞等待建立连接时 `connect()` 被信号中断，`connect()` 将失败并将 `errno` 设置为 EINTR，但不应中止连接请求，而应异步建立连接。",
            "If a caught signal interrupts connect() while it is blocked waiting for the connection, connect() shall"
                    + " fail with errno EINTR, but the connection request shall not be aborted: the connection shall be"
                    + " established asynchronously.",
            "EINTR does not abort"),
    S_11("套接字的文件描述符设置为 `O_NONBLOCK` 且无法立即建立连接 ，则 `connect()` 将失败并将 `errno` 设置为 EINPROGRESS，但不应中止连接请求，而应异步建立连接。",
            "If O_NONBLOCK is set and the connection cannot be established at once, connect() shall fail with errno"
                    + " EINPROGRESS, but the connection request shall not be aborted: the connection shall be established"
                    + " asynchronously.",
            "O_NONBLOCK gives EINPROGRESS"),
    S_12("在建立连接之前，对同一套接字的 `connect()` 后续调用将失败并 `errno` 设置为 EALREADY 。",
            "Until the connection is established, later connect() calls on the same socket shall fail with errno"
                    + " EALREADY.",
            "EALREADY while pending"),
    S_13("当异步建立连接时， `select()` 和 `poll()` 应指示套接字的文件描述符已准备好写入。",
            "When the connection has been established asynchronously, pselect(), select() and poll() shall report"
                    + " the socket's descriptor ready for writing.",
            "writable on completion"),
    S_14("正在使用的套接字可能需要进程具有适当的权限才能使用 `connect()` 函数",
            "The socket in use may require the process to have appropriate privileges to use connect().",
            "privileges may be required");

    private final String zh;
    private final String en;
    private final String title;

    Statement(String zh, String en, String title) {
        this.zh = zh;
        this.en = en;
        this.title = title;
    }

    /** The id used everywhere: {@code S-01} … {@code S-14}. */
    public String id() {
        return name().replace('_', '-');
    }

    /** The seed's Chinese text of the statement, verbatim. */
    public String zh() {
        return zh;
    }

    /** What the statement requires, in English. */
    public String en() {
        return en;
    }

    /** A few words naming the statement, for tables and test names. */
    public String title() {
        return title;
    }

    /** The statement with this id ({@code S-07}). */
    public static Statement byId(String id) {
        return valueOf(id.replace('-', '_'));
    }

    /** Where the kit keeps its exact copy of the seed man page, as a resource of this package. */
    public static final String SEED_RESOURCE = "connect.zh.md";

    /**
     * The seed man page, {@code connect.zh.md}, exactly as the kit carries it (UTF-8): the document every
     * statement quotes.
     */
    public static String seedText() {
        try (InputStream in = Statement.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed man page is missing from the core module: " + SEED_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed man page " + SEED_RESOURCE, e);
        }
    }
}
