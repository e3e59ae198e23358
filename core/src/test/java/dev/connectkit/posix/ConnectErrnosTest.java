package dev.connectkit.posix;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every errno POSIX lists for connect(), produced by connect() itself on the real kernel, or, where Linux never
 * returns it from connect() on loopback, the reason with the kernel source that decides it. The result is the
 * docs' table {@code connect-errnos.adoc}: each row says which call produced the error.
 */
@DisplayName("every errno of POSIX connect(), from connect() on the kernel")
@Timeout(60)
class ConnectErrnosTest {

    /** What POSIX says of an errno: shall fail, shall fail for AF_UNIX, or may fail. */
    enum Posix { SHALL, SHALL_AF_UNIX, MAY }

    /** A scenario that makes connect() fail: it returns the exception connect() threw. */
    @FunctionalInterface
    interface Scenario {
        ErrnoException run(Sockets s, Path dir) throws Exception;
    }

    /** One errno: how connect() produces it, or why Linux never does here. */
    record Row(Errno errno, Posix posix, String how, Scenario scenario, String whyNot) {
        static Row produced(Errno errno, Posix posix, String how, Scenario scenario) {
            return new Row(errno, posix, how, scenario, null);
        }

        static Row notOnLinux(Errno errno, Posix posix, String whyNot) {
            return new Row(errno, posix, null, null, whyNot);
        }
    }

    /** The 25 errnos of POSIX.1-2024 connect(): 12 shall fail, 5 shall fail for AF_UNIX, 8 may fail. */
    static final List<Row> ROWS = List.of(
            Row.produced(Errno.EADDRNOTAVAIL, Posix.SHALL,
                    "two sockets bound to one address with SO_REUSEADDR connect to one listener: the 4-tuple is taken",
                    ConnectErrnosTest::takenFourTuple),
            Row.produced(Errno.EAFNOSUPPORT, Posix.SHALL, "an AF_INET socket given a sockaddr_in6 ([::1]:9)",
                    (s, dir) -> failure(s, s.socket(AF_INET, SOCK_STREAM), SockAddr.loopback6(9))),
            Row.produced(Errno.EALREADY, Posix.SHALL, "a second connect() while a non-blocking attempt is pending (S-12)",
                    ConnectErrnosTest::whilePending),
            Row.produced(Errno.EBADF, Posix.SHALL, "a descriptor that was closed",
                    (s, dir) -> {
                        int fd = s.socket(AF_INET, SOCK_STREAM);
                        s.close(fd);
                        return failure(s, fd, SockAddr.loopback(9));
                    }),
            Row.produced(Errno.ECONNREFUSED, Posix.SHALL, "a loopback port where nothing listens",
                    (s, dir) -> failure(s, s.socket(AF_INET, SOCK_STREAM), Loopback.closedPort(s))),
            Row.produced(Errno.EINPROGRESS, Posix.SHALL, "O_NONBLOCK and a listener whose queue is full (S-11)",
                    ConnectErrnosTest::inProgress),
            Row.produced(Errno.EINTR, Posix.SHALL, "a signal while a blocking connect() waits (S-10)",
                    ConnectErrnosTest::interrupted),
            Row.produced(Errno.EISCONN, Posix.SHALL, "a socket that is already connected",
                    ConnectErrnosTest::alreadyConnected),
            Row.produced(Errno.ENETUNREACH, Posix.SHALL, "TCP to the loopback broadcast address 127.255.255.255",
                    (s, dir) -> failure(s, s.socket(AF_INET, SOCK_STREAM), SockAddr.inet("127.255.255.255", 9))),
            Row.produced(Errno.ENOTSOCK, Posix.SHALL, "a descriptor of a file (/dev/null), not of a socket",
                    (s, dir) -> failure(s, s.open(Path.of("/dev/null")), SockAddr.loopback(9))),
            Row.produced(Errno.EPROTOTYPE, Posix.SHALL,
                    "an AF_UNIX stream socket to the path of an AF_UNIX datagram socket", ConnectErrnosTest::wrongType),
            Row.produced(Errno.ETIMEDOUT, Posix.SHALL, "TCP_SYNCNT=1 and a listener that never answers (S-09, ~3 s)",
                    ConnectErrnosTest::timedOut),
            Row.notOnLinux(Errno.EIO, Posix.SHALL_AF_UNIX, "only when the file system fails while the path is looked"
                    + " up: unix_find_bsd() passes kern_path()'s error on (net/unix/af_unix.c); a working file"
                    + " system never gives it"),
            Row.produced(Errno.ELOOP, Posix.SHALL_AF_UNIX, "an AF_UNIX path that is a symbolic link to itself",
                    (s, dir) -> {
                        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
                        return failure(s, s.socket(AF_UNIX, SOCK_STREAM), SockAddr.unix(loop.toString()));
                    }),
            Row.produced(Errno.ENAMETOOLONG, Posix.SHALL_AF_UNIX,
                    "an AF_UNIX path through a symbolic link whose target has a 300-byte name (NAME_MAX is 255)",
                    (s, dir) -> {
                        Path link = Files.createSymbolicLink(dir.resolve("long"), Path.of("x".repeat(300)));
                        return failure(s, s.socket(AF_UNIX, SOCK_STREAM), SockAddr.unix(link.toString()));
                    }),
            Row.produced(Errno.ENOENT, Posix.SHALL_AF_UNIX, "an AF_UNIX path that does not exist",
                    (s, dir) -> failure(s, s.socket(AF_UNIX, SOCK_STREAM), SockAddr.unix(dir + "/missing.sock"))),
            Row.produced(Errno.ENOTDIR, Posix.SHALL_AF_UNIX, "an AF_UNIX path below a regular file",
                    (s, dir) -> {
                        Path file = Files.writeString(dir.resolve("file"), "not a directory");
                        return failure(s, s.socket(AF_UNIX, SOCK_STREAM), SockAddr.unix(file + "/below.sock"));
                    }),
            Row.produced(Errno.EACCES, Posix.MAY, "UDP to the broadcast address 127.255.255.255 without SO_BROADCAST",
                    (s, dir) -> failure(s, s.socket(AF_INET, SOCK_DGRAM), SockAddr.inet("127.255.255.255", 9))),
            Row.notOnLinux(Errno.EADDRINUSE, Posix.MAY, "Linux's TCP reports a taken 4-tuple as EADDRNOTAVAIL"
                    + " (__inet_check_established() and __inet_hash_connect() in net/ipv4/inet_hashtables.c), UDP's"
                    + " connect() takes any tuple, and AF_UNIX's autobind reports ENOSPC (unix_autobind())"),
            Row.produced(Errno.ECONNRESET, Posix.MAY, "a non-blocking attempt completes, the peer resets it, and"
                    + " connect() is asked again before SO_ERROR is read", ConnectErrnosTest::resetBeforeReported),
            Row.notOnLinux(Errno.EHOSTUNREACH, Posix.MAY, "needs an ICMP host unreachable or a route of type"
                    + " unreachable (ip route add unreachable ...): loopback has neither, and the kit never changes"
                    + " the machine's routes; the simulator shows it"),
            Row.produced(Errno.EINVAL, Posix.MAY, "an address length of 8, shorter than a sockaddr_in",
                    (s, dir) -> {
                        int fd = s.socket(AF_INET, SOCK_STREAM);
                        try {
                            s.connect(fd, SockAddr.loopback(9), 8);
                            throw new AssertionError("connect() with addrlen 8 succeeded");
                        } catch (ErrnoException e) {
                            return e;
                        } finally {
                            s.close(fd);
                        }
                    }),
            Row.notOnLinux(Errno.ENETDOWN, Posix.MAY, "needs the route's interface down (ip link set ... down), and"
                    + " loopback is the machine's own; ip_route_connect() then fails in fib_lookup(); the"
                    + " simulator shows it"),
            Row.notOnLinux(Errno.ENOBUFS, Posix.MAY, "only when the kernel cannot allocate the SYN: tcp_connect()"
                    + " returns -ENOBUFS if tcp_stream_alloc_skb() fails (net/ipv4/tcp_output.c), which needs memory"
                    + " pressure no test should cause"),
            Row.notOnLinux(Errno.EOPNOTSUPP, Posix.MAY, "Linux returns it only for families without connect()"
                    + " (sock_no_connect() in net/core/sock.c, e.g. AF_PACKET), which the kit does not open; a"
                    + " listening TCP socket gives EISCONN (__inet_stream_connect()), an AF_UNIX one EINVAL"
                    + " (unix_stream_connect())"));

    private static final Map<Errno, String> SEEN = new ConcurrentHashMap<>();

    @BeforeAll
    static void nativeOnly() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
    }

    @TestFactory
    List<DynamicTest> everyPosixErrno(@TempDir Path temp) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the table has POSIX's 25 errnos, each once", () -> {
            assertThat(ROWS).hasSize(25).extracting(Row::errno).doesNotHaveDuplicates();
            assertThat(ROWS.stream().filter(r -> r.posix() == Posix.SHALL)).hasSize(12);
            assertThat(ROWS.stream().filter(r -> r.posix() == Posix.SHALL_AF_UNIX)).hasSize(5);
            assertThat(ROWS.stream().filter(r -> r.posix() == Posix.MAY)).hasSize(8);
        }));
        for (Row row : ROWS) {
            if (row.scenario() == null) {
                tests.add(DynamicTest.dynamicTest(row.errno() + ": not produced here, with the reason",
                        () -> assertThat(row.whyNot()).as("the reason cites the kernel or the setup it needs")
                                .containsAnyOf("(", "ip ")));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(row.errno() + ": " + row.how(), () -> {
                Path dir = Files.createTempDirectory(temp, row.errno().name());
                try (Sockets s = Sockets.nativeLibc()) {
                    ErrnoException e = row.scenario().run(s, dir);
                    assertThat(e.call()).as("the call that failed").isEqualTo("connect");
                    assertThat(e.errno()).isEqualTo(row.errno());
                    SEEN.put(row.errno(), e.getMessage().replace(dir.toString(), "/tmp/connectkit"));
                    assertThat(s.openDescriptors()).as("the scenario closes what it opens").isEmpty();
                }
            }));
        }
        return tests;
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        if (SEEN.isEmpty()) {
            return;
        }
        Path out = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(out);
        StringBuilder adoc = new StringBuilder("// Generated by ConnectErrnosTest from what connect() returned on this"
                + " kernel; do not edit.\n[cols=\"2,2,7\",options=\"header\"]\n|===\n|errno |POSIX |From connect()\n");
        Map<Errno, Row> byErrno = new TreeMap<>();
        ROWS.forEach(r -> byErrno.put(r.errno(), r));
        for (Row row : byErrno.values()) {
            String posix = switch (row.posix()) {
                case SHALL -> "shall fail";
                case SHALL_AF_UNIX -> "shall fail (AF_UNIX)";
                case MAY -> "may fail";
            };
            String from = row.scenario() == null ? "not produced here: " + row.whyNot()
                    : row.how() + ": `" + SEEN.getOrDefault(row.errno(), "not run") + "`";
            adoc.append("|`").append(row.errno().name()).append("` |").append(posix).append(" |").append(from)
                    .append('\n');
        }
        adoc.append("|===\n");
        Files.writeString(out.resolve("connect-errnos.adoc"), adoc.toString(), StandardCharsets.UTF_8);
    }

    // ---- scenarios that take a few steps ----

    /** connect(fd, to) must fail: its exception, with the descriptor closed afterwards. */
    static ErrnoException failure(Sockets s, int fd, SockAddr to) throws ErrnoException {
        try {
            s.connect(fd, to);
            throw new AssertionError("connect(" + fd + ", " + to + ") succeeded");
        } catch (ErrnoException e) {
            return e;
        } finally {
            if (s.openDescriptors().contains(fd)) {
                s.close(fd);
            }
        }
    }

    static ErrnoException takenFourTuple(Sockets s, Path dir) throws ErrnoException {
        int listener = Loopback.tcpListener(s, 4);
        int first = s.socket(AF_INET, SOCK_STREAM);
        int second = s.socket(AF_INET, SOCK_STREAM);
        try {
            s.setsockopt(first, SocketOption.SO_REUSEADDR, 1);
            s.setsockopt(second, SocketOption.SO_REUSEADDR, 1);
            s.bind(first, SockAddr.loopback(0));
            s.bind(second, s.getsockname(first));
            s.connect(first, s.getsockname(listener));
            return failure(s, second, s.getsockname(listener));
        } finally {
            s.close(first);
            s.close(listener);
        }
    }

    static ErrnoException whilePending(Sockets s, Path dir) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            assertThatThrownBy(() -> s.connect(fd, busy.address())).isInstanceOfSatisfying(ErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EINPROGRESS));
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException inProgress(Sockets s, Path dir) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException interrupted(Sockets s, Path dir) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.alarm(Duration.ofMillis(100));
            try {
                return failure(s, fd, busy.address());
            } finally {
                s.alarm(Duration.ZERO);
            }
        }
    }

    static ErrnoException alreadyConnected(Sockets s, Path dir) throws ErrnoException {
        int listener = Loopback.tcpListener(s, 1);
        try {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.connect(fd, s.getsockname(listener));
            return failure(s, fd, s.getsockname(listener));
        } finally {
            s.close(listener);
        }
    }

    static ErrnoException wrongType(Sockets s, Path dir) throws ErrnoException {
        SockAddr path = SockAddr.unix(dir + "/datagram.sock");
        int datagram = s.socket(AF_UNIX, SOCK_DGRAM);
        try {
            s.bind(datagram, path);
            return failure(s, s.socket(AF_UNIX, SOCK_STREAM), path);
        } finally {
            s.close(datagram);
        }
    }

    static ErrnoException timedOut(Sockets s, Path dir) throws Exception {
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException resetBeforeReported(Sockets s, Path dir) throws ErrnoException {
        int listener = Loopback.tcpListener(s, 1);
        int fd = s.socket(AF_INET, SOCK_STREAM);
        try {
            s.setNonBlocking(fd, true);
            assertThatThrownBy(() -> s.connect(fd, s.getsockname(listener)))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINPROGRESS));
            s.setNonBlocking(listener, false);
            int peer = s.accept(listener); // the handshake completed: the attempt succeeded
            s.setsockopt(peer, SocketOption.SO_LINGER, 0);
            s.close(peer); // SO_LINGER 0: the close sends a RST
            assertThat(s.poll(new PollFd(fd, EnumSet.of(PollEvent.POLLIN)), 2_000))
                    .as("the reset has arrived (poll() does not consume SO_ERROR)").contains(PollEvent.POLLERR);
            return failure(s, fd, s.getsockname(listener));
        } finally {
            s.close(listener);
        }
    }
}
