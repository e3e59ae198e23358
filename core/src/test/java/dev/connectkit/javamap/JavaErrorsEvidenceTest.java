package dev.connectkit.javamap;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof for every row of {@link JavaErrors#TRANSLATIONS}: the JDK really throws the row's exception, with the
 * row's message prefix, on loopback; or the reason it cannot be made to. When the run ends, the evidence is
 * written to {@code target/generated-docs/errno-java.adoc} for the docs, so the table can never disagree with
 * what the tests saw.
 */
@DisplayName("the errno-to-Java table, proved on this JDK")
class JavaErrorsEvidenceTest {

    static final List<Translation> TRANSLATIONS = JavaErrors.TRANSLATIONS;
    private static final Map<Errno, String> EVIDENCE = new ConcurrentHashMap<>();
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    /** Something that makes the JDK raise an exception, or return normally (null). */
    @FunctionalInterface
    interface Trigger {
        Throwable raise() throws Exception;
    }

    /** How each row is produced on loopback. */
    private static final Map<Errno, Trigger> TRIGGERS = new EnumMap<>(Errno.class);
    /** The Java call each trigger makes fail, for the evidence column. */
    private static final Map<Errno, String> CALLS = new EnumMap<>(Errno.class);
    /** Why the other rows cannot be. */
    private static final Map<Errno, String> UNREACHABLE = new EnumMap<>(Errno.class);

    private static void trigger(Errno errno, String call, Trigger trigger) {
        TRIGGERS.put(errno, trigger);
        CALLS.put(errno, call);
    }

    static {
        trigger(Errno.ECONNREFUSED, "SocketChannel.connect()", () -> thrownBy(() -> {
            try (SocketChannel c = SocketChannel.open()) {
                c.connect(closedPort());
            }
        }));
        trigger(Errno.EADDRINUSE, "ServerSocketChannel.bind()", () -> {
            try (ServerSocketChannel first = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
                return thrownBy(() -> {
                    try (ServerSocketChannel second = ServerSocketChannel.open()) {
                        second.bind(first.getLocalAddress());
                    }
                });
            }
        });
        trigger(Errno.EADDRNOTAVAIL, "SocketChannel.connect()", JavaErrorsEvidenceTest::sameFourTuple);
        trigger(Errno.EACCES, "DatagramChannel.connect()", () -> thrownBy(() -> {
            try (DatagramChannel c = DatagramChannel.open()) {
                c.connect(new InetSocketAddress(InetAddress.ofLiteral("127.255.255.255"), 9));
            }
        }));
        trigger(Errno.ENETUNREACH, "SocketChannel.connect()", () -> thrownBy(() -> {
            try (SocketChannel c = SocketChannel.open()) {
                c.connect(new InetSocketAddress(InetAddress.ofLiteral("127.255.255.255"), 9));
            }
        }));
        trigger(Errno.ECONNRESET, "SocketChannel.finishConnect()", JavaErrorsEvidenceTest::resetBeforeFinished);
        trigger(Errno.ENOENT, "SocketChannel.connect()", () -> thrownBy(() -> {
            Path dir = Files.createTempDirectory("connectkit");
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(dir.resolve("missing.sock")));
            } finally {
                Files.delete(dir);
            }
        }));
        trigger(Errno.ENOTDIR, "SocketChannel.connect()", () -> thrownBy(() -> {
            Path file = Files.createTempFile("connectkit", ".txt");
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(file.resolve("below-a-file.sock")));
            } finally {
                Files.delete(file);
            }
        }));
        trigger(Errno.ELOOP, "SocketChannel.connect()", () -> thrownBy(() -> {
            Path dir = Files.createTempDirectory("connectkit");
            Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(loop));
            } finally {
                Files.delete(loop);
                Files.delete(dir);
            }
        }));
        trigger(Errno.EAGAIN, "SocketChannel.connect()", JavaErrorsEvidenceTest::unixBacklogFull);
        trigger(Errno.EMSGSIZE, "DatagramChannel.send()", () -> thrownBy(() -> {
            try (DatagramChannel c = DatagramChannel.open()) {
                c.send(ByteBuffer.allocate(70_000), new InetSocketAddress(LOOPBACK, 9));
            }
        }));
        trigger(Errno.EINPROGRESS, "SocketChannel.connect()", () -> {
            try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                 SocketChannel c = SocketChannel.open()) {
                c.configureBlocking(false);
                assertThat(c.connect(server.getLocalAddress())).as("a non-blocking connect() returns false").isFalse();
                assertThat(c.isConnectionPending()).isTrue();
                return null;
            }
        });
        trigger(Errno.EALREADY, "SocketChannel.connect()", JavaErrorsEvidenceTest::connectWhilePending);
        trigger(Errno.EISCONN, "SocketChannel.connect()", () -> {
            try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                 SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                return thrownBy(() -> c.connect(server.getLocalAddress()));
            }
        });
        trigger(Errno.EINTR, "SocketChannel.connect()", () -> thrownBy(() -> {
            try (SocketChannel c = SocketChannel.open()) {
                Thread.currentThread().interrupt(); // interrupted before the call: the JDK fails at once
                try {
                    c.connect(closedPort());
                } finally {
                    Thread.interrupted();
                }
            }
        }));
        trigger(Errno.EBADF, "SocketChannel.connect()", () -> thrownBy(() -> {
            SocketChannel c = SocketChannel.open();
            c.close();
            c.connect(closedPort());
        }));
        trigger(Errno.EAFNOSUPPORT, "SocketChannel.connect()", () -> thrownBy(() -> {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.INET)) {
                c.connect(new InetSocketAddress(InetAddress.ofLiteral("::1"), 9));
            }
        }));
        trigger(Errno.EDESTADDRREQ, "DatagramChannel.write()", () -> thrownBy(() -> {
            try (DatagramChannel c = DatagramChannel.open()) {
                c.write(ByteBuffer.wrap(new byte[] {1}));
            }
        }));

        String noRoot = "loopback cannot produce it without root (it needs a route or an interface change)";
        UNREACHABLE.put(Errno.ETIMEDOUT, "Java cannot set TCP_SYNCNT, so producing it takes the kernel's full"
                + " 127 s; the mapping is Net.c's (ETIMEDOUT, like ECONNREFUSED, becomes ConnectException)");
        UNREACHABLE.put(Errno.ENOTCONN, "no loopback case makes the kernel return it to a JDK connect; Net.c maps it"
                + " to ConnectException");
        UNREACHABLE.put(Errno.EHOSTUNREACH, noRoot);
        UNREACHABLE.put(Errno.ENETDOWN, noRoot);
        UNREACHABLE.put(Errno.EPERM, "only a firewall rule produces it, which needs root");
        UNREACHABLE.put(Errno.ECONNABORTED, "Java never calls connect() again after a failure, so the Linux case"
                + " (connect() after SO_ERROR was read) cannot happen through it");
        UNREACHABLE.put(Errno.EPIPE, "the JDK ignores SIGPIPE and a write after a reset reports ECONNRESET first;"
                + " a later EPIPE depends on timing");
        UNREACHABLE.put(Errno.EPROTOTYPE, "Java's Unix-domain channels are stream only");
        UNREACHABLE.put(Errno.EINVAL, "Java always passes the right address length and family");
        UNREACHABLE.put(Errno.EFAULT, "Java never passes a bad pointer");
        UNREACHABLE.put(Errno.ENOTSOCK, "a channel is always a socket");
        UNREACHABLE.put(Errno.ENAMETOOLONG, "Java rejects a too long Unix-domain path itself, before the kernel");
        UNREACHABLE.put(Errno.EIO, "needs a failing file system");
        UNREACHABLE.put(Errno.ENOMEM, "needs the kernel out of memory");
        UNREACHABLE.put(Errno.ENFILE, "needs the system's file table full");
        UNREACHABLE.put(Errno.EMFILE, "needs the process's descriptor limit reached, which would disturb the JVM");
        UNREACHABLE.put(Errno.ENOBUFS, "needs the kernel out of buffer space");
        UNREACHABLE.put(Errno.ENOPROTOOPT, "java.nio offers only the options the kernel has");
        UNREACHABLE.put(Errno.EPROTONOSUPPORT, "java.nio opens only the protocols the kernel has");
        UNREACHABLE.put(Errno.EOPNOTSUPP, "java.nio has no operation the socket type lacks");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TRANSLATIONS")
    @Timeout(20)
    @DisplayName("each row: the JDK raises this exception for the errno, or why it cannot be made to here")
    void rowIsProved(Translation row) throws Exception {
        Trigger trigger = TRIGGERS.get(row.errno());
        if (trigger == null) {
            String reason = UNREACHABLE.get(row.errno());
            assertThat(reason).as("row %s has neither a trigger nor a reason", row.errno()).isNotNull();
            EVIDENCE.put(row.errno(), "not produced here: " + reason);
            return; // a documented reason, shown in the table: not a skipped test
        }
        Throwable thrown = trigger.raise();
        if (row.exception() == null) {
            assertThat(thrown).as("the JDK returns a value for %s, it does not throw", row.errno()).isNull();
        } else {
            assertThat(thrown).as("what the JDK raised for %s", row.errno()).isNotNull();
            assertThat(thrown.getClass()).isEqualTo(row.exception());
            assertThat(String.valueOf(thrown.getMessage())).startsWith(row.messagePrefix());
            // One Java form can stand for several errnos (NotYetConnectedException: ENOTCONN and EDESTADDRREQ);
            // reading back must give one of those.
            java.util.Set<Errno> sameForm = java.util.EnumSet.noneOf(Errno.class);
            TRANSLATIONS.stream().filter(t -> t.exception() == row.exception()
                    && t.messagePrefix().equals(row.messagePrefix())).forEach(t -> sameForm.add(t.errno()));
            JavaErrors.STATE_ERRORS.stream().filter(e -> e.exception() == row.exception() && e.errno() != null)
                    .forEach(e -> sameForm.add(e.errno()));
            assertThat(JavaErrors.errnoOf(thrown)).as("the table reads it back").get().isIn(sameForm);
        }
        EVIDENCE.put(row.errno(), (thrown == null ? "returned by " : "thrown by ") + "`" + CALLS.get(row.errno())
                + "` on JDK " + Runtime.version().feature());
    }

    @Test
    @DisplayName("covers every errno the kit knows, once")
    void everyErrnoHasOneRow() {
        assertThat(TRANSLATIONS).extracting(Translation::errno).containsExactlyInAnyOrder(Errno.values());
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        Path out = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(out);
        Files.write(out.resolve("errno-java.adoc"), table(Language.EN));
        Files.write(out.resolve("errno-java.zh.adoc"), table(Language.ZH));
    }

    /** The table in {@code language}: headings and what a Java program sees translated; names and code as they are. */
    private static List<String> table(Language language) {
        boolean zh = language == Language.ZH;
        List<String> lines = new ArrayList<>();
        lines.add("// Generated by JavaErrorsEvidenceTest from JavaErrors.TRANSLATIONS and what the tests saw; do not edit.");
        lines.add("[cols=\"2,1,3,4,4\",options=\"header\"]");
        lines.add("|===");
        lines.add(zh ? "|errno |Linux |Java 抛出 |Java 程序看到什么 |证据" : "|errno |Linux |Java raises |What a Java program sees |Evidence");
        for (Translation row : TRANSLATIONS) {
            String java = row.exception() == null ? (zh ? "（不抛出：返回一个值）" : "(nothing: a value is returned)")
                    : "`" + row.exception().getName() + "`"
                    + (row.messagePrefix().isEmpty() ? "" : " \"" + row.messagePrefix() + "...\"");
            lines.add("|`" + row.errno().name() + "` |" + row.errno().linuxNumber() + " |" + java + " |"
                    + JavaErrors.javaSide(row.errno(), language) + " |" + evidence(row.errno(), zh));
        }
        lines.add("|===");
        lines.add("");
        lines.add("[cols=\"3,1,5\",options=\"header\"]");
        lines.add("|===");
        lines.add(zh ? "|java.nio 状态错误 |errno |对应的 POSIX 情形" : "|java.nio state error |errno |The POSIX situation");
        for (StateError e : JavaErrors.STATE_ERRORS) {
            lines.add("|`" + e.exception().getName() + "` |" + (e.errno() == null ? "-" : "`" + e.errno().name() + "`")
                    + " |" + e.situation());
        }
        lines.add("|===");
        return lines;
    }

    private static String evidence(Errno errno, boolean zh) {
        String seen = EVIDENCE.getOrDefault(errno, "not run");
        if (!zh) {
            return seen;
        }
        return seen.replaceFirst("^thrown by (`[^`]*`) on JDK (\\d+)$", "由 $1 抛出（JDK $2）")
                .replaceFirst("^returned by (`[^`]*`) on JDK (\\d+)$", "由 $1 返回（JDK $2）")
                .replaceFirst("^not produced here: ", "此处未产生：").replaceFirst("^not run$", "未运行");
    }

    // ---- triggers that need a few steps ----

    static Throwable thrownBy(ThrowingRunnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static InetSocketAddress closedPort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }

    /** Two sockets bound to one address with SO_REUSEADDR cannot both connect to one destination. */
    static Throwable sameFourTuple() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel first = SocketChannel.open();
             SocketChannel second = SocketChannel.open()) {
            first.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            second.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            first.bind(new InetSocketAddress(LOOPBACK, 0));
            second.bind(first.getLocalAddress());
            first.connect(server.getLocalAddress());
            return thrownBy(() -> second.connect(server.getLocalAddress()));
        }
    }

    /**
     * A non-blocking connect completes in the kernel, the peer resets it (SO_LINGER 0), and only then does Java
     * finish the connect: finishConnect() reads SO_ERROR, ECONNRESET, as C's second connect() would return it.
     */
    static Throwable resetBeforeFinished() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel client = SocketChannel.open()) {
            client.configureBlocking(false);
            assertThat(client.connect(server.getLocalAddress())).isFalse();
            try (SocketChannel accepted = server.accept()) {
                accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
                client.register(selector, java.nio.channels.SelectionKey.OP_CONNECT);
                assertThat(selector.select(2_000)).as("the attempt has ended").isEqualTo(1);
            }
            return thrownBy(client::finishConnect);
        }
    }

    /** A Unix-domain listener with a full backlog: a non-blocking connect fails at once (no pending state). */
    static Throwable unixBacklogFull() throws IOException {
        Path dir = Files.createTempDirectory("connectkit");
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("busy.sock"));
        List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(path, 1);
            for (int i = 0; i < 16; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                clients.add(c);
                c.configureBlocking(false);
                Throwable t = thrownBy(() -> c.connect(path));
                if (t != null) {
                    return t;
                }
            }
            throw new AssertionError("16 Unix-domain clients connected to a backlog of 1");
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
            Files.deleteIfExists(path.getPath());
            Files.delete(dir);
        }
    }

    /** A second connect() while the first is pending, against a listener whose queue is full. */
    static Throwable connectWhilePending() throws Exception {
        try (Sockets kit = Sockets.nio(); SaturatedListener busy = SaturatedListener.open(kit);
             SocketChannel c = SocketChannel.open()) {
            InetSocketAddress address = new InetSocketAddress(busy.address().address(), busy.address().port());
            c.configureBlocking(false);
            assertThat(c.connect(address)).isFalse();
            return thrownBy(() -> c.connect(address));
        }
    }
}
