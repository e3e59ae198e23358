package dev.connectkit.posix;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ConnectErrors.Backend;
import dev.connectkit.posix.ConnectErrors.Elsewhere;
import dev.connectkit.posix.ConnectErrors.PosixClass;
import dev.connectkit.posix.ConnectErrors.Row;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every errno POSIX lists for connect(), produced by connect() itself on the real kernel, or, where Linux never
 * returns it from connect() on loopback, the reason with the kernel source that decides it; then the same case on
 * the simulator and on java.nio, which must do what {@link ConnectErrors} says of them. The result is the docs'
 * table {@code connect-errnos.adoc} (and its Chinese twin {@code connect-errnos.zh.adoc}): each row says which call
 * produced the error.
 *
 * <p>The native and java.nio runs are made only where the native backend runs (Linux): the catalogue speaks of
 * Linux, and java.nio there calls the same kernel. The simulator runs everywhere.
 */
@DisplayName("every errno of POSIX connect(), from connect() on the kernel, the simulator and java.nio")
@Timeout(60)
class ConnectErrnosTest {

    /** A case that makes connect() fail: it returns the exception connect() threw. */
    @FunctionalInterface
    interface Case {
        ErrnoException run(Bench at) throws Exception;
    }

    /** A case needs something the backend's world does not have, so it cannot even be set up there. */
    static final class CannotSetUp extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        CannotSetUp(String what) {
            super(what);
        }
    }

    /**
     * Where a case runs: a backend, and the folder its AF_UNIX paths live in (a temporary directory on disk, a fixed
     * folder in the simulated file system); {@code network} is the simulated network, null off the simulator.
     */
    record Bench(Sockets sockets, String folder, SimNetwork network) implements AutoCloseable {

        static Bench onDisk(Sockets sockets, Path folder) {
            return new Bench(sockets, folder.toString(), null);
        }

        static Bench simulated() {
            SimNetwork network = SimNetwork.create();
            network.directory("/connectkit-errnos");
            return new Bench(network.open(), "/connectkit-errnos", network);
        }

        /** The absolute path of {@code name} in the folder. */
        String path(String name) {
            return folder + "/" + name;
        }

        /** Creates a regular file named {@code name}; its path. */
        String file(String name) throws IOException {
            if (network == null) {
                Files.writeString(Path.of(path(name)), "not a directory");
            } else {
                network.file(path(name));
            }
            return path(name);
        }

        /** Creates a symbolic link named {@code name} to {@code target}; its path. */
        String symlink(String name, String target) throws IOException, CannotSetUp {
            if (network != null) {
                throw new CannotSetUp("a symbolic link: the simulated file system has none");
            }
            return Files.createSymbolicLink(Path.of(path(name)), Path.of(target)).toString();
        }

        @Override
        public void close() {
            sockets.close();
        }
    }

    /** The case of each errno that the kernel produces on loopback; the simulator and java.nio run it too. */
    static final Map<Errno, Case> CASES = Map.ofEntries(
            Map.entry(Errno.EADDRNOTAVAIL, ConnectErrnosTest::takenFourTuple),
            Map.entry(Errno.EAFNOSUPPORT, at -> failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_STREAM),
                    SockAddr.loopback6(9))),
            Map.entry(Errno.EALREADY, ConnectErrnosTest::whilePending),
            Map.entry(Errno.EBADF, at -> {
                int fd = at.sockets().socket(AF_INET, SOCK_STREAM);
                at.sockets().close(fd);
                return failure(at.sockets(), fd, SockAddr.loopback(9));
            }),
            Map.entry(Errno.ECONNREFUSED, at -> failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_STREAM),
                    Loopback.closedPort(at.sockets()))),
            Map.entry(Errno.EINPROGRESS, ConnectErrnosTest::inProgress),
            Map.entry(Errno.EINTR, ConnectErrnosTest::interrupted),
            Map.entry(Errno.EISCONN, ConnectErrnosTest::alreadyConnected),
            Map.entry(Errno.ENETUNREACH, at -> failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_STREAM),
                    SockAddr.inet("127.255.255.255", 9))),
            Map.entry(Errno.ENOTSOCK, at -> failure(at.sockets(), at.sockets().open(Path.of("/dev/null")),
                    SockAddr.loopback(9))),
            Map.entry(Errno.EPROTOTYPE, ConnectErrnosTest::wrongType),
            Map.entry(Errno.ETIMEDOUT, ConnectErrnosTest::timedOut),
            Map.entry(Errno.ELOOP, at -> {
                SockAddr loop = SockAddr.unix(at.symlink("loop", at.path("loop")));
                return failure(at.sockets(), at.sockets().socket(AF_UNIX, SOCK_STREAM), loop);
            }),
            Map.entry(Errno.ENAMETOOLONG, at -> {
                SockAddr link = SockAddr.unix(at.symlink("long", "x".repeat(300)));
                return failure(at.sockets(), at.sockets().socket(AF_UNIX, SOCK_STREAM), link);
            }),
            Map.entry(Errno.ENOENT, at -> failure(at.sockets(), at.sockets().socket(AF_UNIX, SOCK_STREAM),
                    SockAddr.unix(at.path("missing.sock")))),
            Map.entry(Errno.ENOTDIR, at -> failure(at.sockets(), at.sockets().socket(AF_UNIX, SOCK_STREAM),
                    SockAddr.unix(at.file("file") + "/below.sock"))),
            Map.entry(Errno.EACCES, at -> failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_DGRAM),
                    SockAddr.inet("127.255.255.255", 9))),
            Map.entry(Errno.ECONNRESET, ConnectErrnosTest::resetBeforeReported),
            Map.entry(Errno.EINVAL, at -> {
                int fd = at.sockets().socket(AF_INET, SOCK_STREAM);
                try {
                    at.sockets().connect(fd, SockAddr.loopback(9), 8);
                    throw new AssertionError("connect() with addrlen 8 succeeded");
                } catch (ErrnoException e) {
                    return e;
                } finally {
                    at.sockets().close(fd);
                }
            }));

    /** The simulator's own cases, for errnos the kernel never returns on loopback. */
    static final Map<Errno, Case> SIMULATOR_CASES = Map.of(
            Errno.EHOSTUNREACH, at -> {
                at.network().localAddresses("192.0.2.10").host("server", "198.51.100.20")
                        .fault(SockAddr.inet("198.51.100.20", 0), new Fault.HostUnreachable());
                return failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_STREAM), SockAddr.inet("198.51.100.20", 80));
            },
            Errno.ENETDOWN, at -> {
                at.network().localAddresses("192.0.2.10").host("server", "198.51.100.20").interfaceDown("local");
                return failure(at.sockets(), at.sockets().socket(AF_INET, SOCK_STREAM), SockAddr.inet("198.51.100.20", 80));
            });

    /** What the kernel's connect() said for each errno it produced: the docs' table quotes it. */
    private static final Map<Errno, String> SEEN = new ConcurrentHashMap<>();

    private static boolean onLinux() {
        return Sockets.nativeUnavailableReason().isEmpty();
    }

    @TestFactory
    @DisplayName("the catalogue")
    List<DynamicTest> theCatalogue() {
        return List.of(
                DynamicTest.dynamicTest("has POSIX's 25 errnos, each once: 12 shall fail, 5 for AF_UNIX, 8 may fail", () -> {
                    assertThat(ConnectErrors.ROWS).hasSize(25).extracting(Row::errno).doesNotHaveDuplicates();
                    assertThat(ConnectErrors.ROWS.stream().filter(r -> r.posix() == PosixClass.SHALL)).hasSize(12);
                    assertThat(ConnectErrors.ROWS.stream().filter(r -> r.posix() == PosixClass.SHALL_AF_UNIX)).hasSize(5);
                    assertThat(ConnectErrors.ROWS.stream().filter(r -> r.posix() == PosixClass.MAY)).hasSize(8);
                    for (Row row : ConnectErrors.ROWS) {
                        assertThat(row.errno().sources()).as("%s is POSIX's", row.errno()).contains(Errno.Source.POSIX);
                    }
                }),
                DynamicTest.dynamicTest("has a case for each errno the kernel produces, and none for the others", () ->
                        assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(ConnectErrors.ROWS.stream()
                                .filter(Row::produced).map(Row::errno).toList())),
                DynamicTest.dynamicTest("has a simulator case wherever it says the simulator has one of its own", () ->
                        assertThat(SIMULATOR_CASES.keySet()).containsExactlyInAnyOrderElementsOf(ConnectErrors.ROWS
                                .stream().filter(r -> r.sim() instanceof Elsewhere.OwnCase).map(Row::errno).toList())),
                DynamicTest.dynamicTest("says 'as the kernel' of java.nio exactly where the kernel has no case", () -> {
                    for (Row row : ConnectErrors.ROWS) {
                        assertThat(row.nio() instanceof Elsewhere.AsTheKernel).as(row.errno().name())
                                .isEqualTo(!row.produced());
                        assertThat(row.sim()).as(row.errno().name()).isNotInstanceOf(Elsewhere.AsTheKernel.class);
                    }
                }));
    }

    @TestFactory
    @DisplayName("on the kernel")
    List<DynamicTest> onTheKernel(@TempDir Path temp) {
        List<DynamicTest> tests = new ArrayList<>();
        if (!onLinux()) {
            return tests; // the catalogue speaks of Linux; the conformance report says why the native backend is absent
        }
        for (Row row : ConnectErrors.ROWS) {
            if (!row.produced()) {
                tests.add(DynamicTest.dynamicTest(row.errno() + ": not produced here, with the reason",
                        () -> assertThat(row.linux(Language.EN)).as("the reason cites the kernel or the setup it needs")
                                .containsAnyOf("(", "ip ")));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(row.errno() + ": " + row.linux(Language.EN), () -> {
                Path dir = Files.createTempDirectory(temp, row.errno().name());
                try (Bench at = Bench.onDisk(Sockets.nativeLibc(), dir)) {
                    ErrnoException e = CASES.get(row.errno()).run(at);
                    assertThat(e.call()).as("the call that failed").isEqualTo("connect");
                    assertThat(e.errno()).isEqualTo(row.errno());
                    SEEN.put(row.errno(), e.getMessage().replace(dir.toString(), "/tmp/connectkit"));
                    assertThat(at.sockets().openDescriptors()).as("the case closes what it opens").isEmpty();
                }
            }));
        }
        return tests;
    }

    @TestFactory
    @DisplayName("on the simulator and java.nio, as the catalogue says")
    List<DynamicTest> elsewhere(@TempDir Path temp) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            if (backend == Backend.NIO && !onLinux()) {
                continue; // what the catalogue says of java.nio is what it does on Linux's kernel
            }
            for (Row row : ConnectErrors.ROWS) {
                Elsewhere outcome = row.on(backend);
                tests.add(DynamicTest.dynamicTest(backend.label() + ", " + row.errno() + ": " + outcome, () -> {
                    Path dir = Files.createTempDirectory(temp, backend.label() + "-" + row.errno().name());
                    try (Bench at = backend == Backend.SIM ? Bench.simulated() : Bench.onDisk(Sockets.nio(), dir)) {
                        expect(outcome, backend, row, at);
                        assertThat(at.sockets().openDescriptors()).as("the case closes what it opens").isEmpty();
                        if (at.network() != null) {
                            assertThat(at.network().openSockets()).as("simulated sockets left open").isEmpty();
                        }
                    }
                }));
            }
        }
        return tests;
    }

    /** Runs the case of {@code row} on {@code at} and checks that it does what {@code outcome} says. */
    private static void expect(Elsewhere outcome, Backend backend, Row row, Bench at) throws Exception {
        switch (outcome) {
            case Elsewhere.Same ignored -> {
                ErrnoException e = CASES.get(row.errno()).run(at);
                assertThat(e.call()).as("the call that failed").isEqualTo("connect");
                assertThat(e.errno()).as("the errno %s gives", backend.label()).isEqualTo(row.errno());
            }
            case Elsewhere.Lacks(Capability capability) -> assertThatThrownBy(() -> CASES.get(row.errno()).run(at))
                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                        assertThat(e.capability()).isEqualTo(capability);
                        assertThat(e.backend()).isEqualTo(backend.label());
                        assertThat(e.getMessage().substring(e.getMessage().indexOf("): ") + 3))
                                .as("the reason the backend gives is the catalogue's")
                                .isEqualTo(ConnectErrors.reason(backend, capability, Language.EN));
                    });
            case Elsewhere.CannotSetUp ignored -> assertThatThrownBy(() -> CASES.get(row.errno()).run(at))
                    .isInstanceOf(CannotSetUp.class);
            case Elsewhere.OwnCase ignored -> {
                ErrnoException e = SIMULATOR_CASES.get(row.errno()).run(at);
                assertThat(e.call()).as("the call that failed").isEqualTo("connect");
                assertThat(e.errno()).isEqualTo(row.errno());
            }
            case Elsewhere.NoCase ignored -> assertThat(CASES.containsKey(row.errno()) || SIMULATOR_CASES.containsKey(row.errno()))
                    .as("the kit has no case of %s for %s", row.errno(), backend.label()).isFalse();
            case Elsewhere.AsTheKernel ignored -> assertThat(backend == Backend.NIO && !row.produced())
                    .as("only java.nio calls the kernel, and only a row without a kernel case says so").isTrue();
        }
    }

    @AfterAll
    static void writeTheTables() throws IOException {
        if (SEEN.size() != CASES.size()) {
            return; // the table quotes the kernel for every case, or is not written
        }
        Path out = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("connect-errnos.adoc"), table(Language.EN), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("connect-errnos.zh.adoc"), table(Language.ZH), StandardCharsets.UTF_8);
    }

    /** The words of the docs' table, in {@code language}. */
    static ResourceBundle words(Language language) {
        return ResourceBundle.getBundle("dev.connectkit.posix.ConnectErrnosTable", language.bundleLocale());
    }

    static String table(Language language) {
        ResourceBundle w = words(language);
        StringBuilder adoc = new StringBuilder("// Generated by ConnectErrnosTest from dev.connectkit.posix.ConnectErrors"
                + " and what connect() returned on this kernel; do not edit.\n[cols=\"2,2,6,3,3\",options=\"header\"]\n"
                + "|===\n|errno |" + w.getString("heading.posix") + " |" + w.getString("heading.linux") + " |"
                + w.getString("heading.sim") + " |" + w.getString("heading.nio") + "\n");
        Map<Errno, Row> byErrno = new TreeMap<>();
        ConnectErrors.ROWS.forEach(r -> byErrno.put(r.errno(), r));
        for (Row row : byErrno.values()) {
            String linux = row.produced()
                    ? String.format(w.getString("linux.produced"), row.linux(language), SEEN.get(row.errno()))
                    : String.format(w.getString("linux.notProduced"), row.linux(language));
            adoc.append("|`").append(row.errno().name()).append("` |").append(w.getString("posix." + row.posix()))
                    .append(" |").append(linux);
            for (Backend backend : Backend.values()) {
                adoc.append(" |").append(cell(row, backend, language, w));
            }
            adoc.append('\n');
        }
        return adoc.append("|===\n").toString();
    }

    private static String cell(Row row, Backend backend, Language language, ResourceBundle w) {
        return switch (row.on(backend)) {
            case Elsewhere.Same ignored -> w.getString("same");
            case Elsewhere.Lacks(Capability c) -> String.format(w.getString("lacks"), c.name(),
                    ConnectErrors.reason(backend, c, language));
            case Elsewhere.CannotSetUp ignored -> String.format(w.getString("cannot"), row.sentence(backend, language));
            case Elsewhere.OwnCase ignored -> String.format(w.getString("own"), row.sentence(backend, language));
            case Elsewhere.NoCase ignored -> w.getString("noCase");
            case Elsewhere.AsTheKernel ignored -> w.getString("asTheKernel");
        };
    }

    // ---- cases that take a few steps ----

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

    static ErrnoException takenFourTuple(Bench at) throws ErrnoException {
        Sockets s = at.sockets();
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

    static ErrnoException whilePending(Bench at) throws Exception {
        Sockets s = at.sockets();
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            assertThatThrownBy(() -> s.connect(fd, busy.address())).isInstanceOfSatisfying(ErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EINPROGRESS));
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException inProgress(Bench at) throws Exception {
        Sockets s = at.sockets();
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.setNonBlocking(fd, true);
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException interrupted(Bench at) throws Exception {
        Sockets s = at.sockets();
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            try {
                s.alarm(Duration.ofMillis(100));
                return failure(s, fd, busy.address());
            } finally {
                if (s.openDescriptors().contains(fd)) {
                    s.close(fd); // a backend without signals refused the alarm before connect()
                }
                if (s.supports(Capability.SIGNALS)) {
                    s.alarm(Duration.ZERO);
                }
            }
        }
    }

    static ErrnoException alreadyConnected(Bench at) throws ErrnoException {
        Sockets s = at.sockets();
        int listener = Loopback.tcpListener(s, 1);
        try {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.connect(fd, s.getsockname(listener));
            return failure(s, fd, s.getsockname(listener));
        } finally {
            s.close(listener);
        }
    }

    static ErrnoException wrongType(Bench at) throws ErrnoException {
        Sockets s = at.sockets();
        SockAddr path = SockAddr.unix(at.path("datagram.sock"));
        int datagram = s.socket(AF_UNIX, SOCK_DGRAM);
        try {
            s.bind(datagram, path);
            return failure(s, s.socket(AF_UNIX, SOCK_STREAM), path);
        } finally {
            s.close(datagram);
        }
    }

    static ErrnoException timedOut(Bench at) throws Exception {
        Sockets s = at.sockets();
        try (SaturatedListener busy = SaturatedListener.open(s)) {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            try {
                s.setsockopt(fd, SocketOption.TCP_SYNCNT, 1);
            } catch (UnsupportedCapabilityException e) {
                s.close(fd);
                throw e;
            }
            return failure(s, fd, busy.address());
        }
    }

    static ErrnoException resetBeforeReported(Bench at) throws ErrnoException {
        Sockets s = at.sockets();
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
