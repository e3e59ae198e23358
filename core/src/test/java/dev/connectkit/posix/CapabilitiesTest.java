package dev.connectkit.posix;

import dev.connectkit.i18n.Language;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_INET6;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each backend's capabilities are what it really does: for every {@link Capability}, the call that needs it runs
 * (succeeding or failing with an errno, as the kernel would) where the backend claims it, and is refused with an
 * {@link UnsupportedCapabilityException} naming it where the backend does not.
 */
@DisplayName("the capabilities each backend claims")
@Timeout(20)
class CapabilitiesTest {

    @FunctionalInterface
    interface Use {
        void on(Sockets s) throws ErrnoException;
    }

    /** The call that needs each capability; an errno is an answer, only UnsupportedCapabilityException is not. */
    private static final Map<Capability, Use> USES = uses();

    private static Map<Capability, Use> uses() {
        Map<Capability, Use> uses = new LinkedHashMap<>();
        uses.put(Capability.SIGNALS, s -> {
            s.alarm(Duration.ofSeconds(30));
            s.alarm(Duration.ZERO);
        });
        uses.put(Capability.TCP_SYNCNT, s -> s.setsockopt(s.socket(AF_INET, SOCK_STREAM), SocketOption.TCP_SYNCNT, 2));
        uses.put(Capability.EXPLICIT_ADDRLEN, s -> s.connect(s.socket(AF_INET, SOCK_STREAM), SockAddr.loopback(9), 8));
        uses.put(Capability.STREAM_AF_UNSPEC, s -> s.connect(s.socket(AF_INET, SOCK_STREAM), SockAddr.unspec()));
        uses.put(Capability.UNIX_DATAGRAM, s -> s.socket(AF_UNIX, SOCK_DGRAM));
        uses.put(Capability.IPV6_V6ONLY, s -> s.getsockopt(s.socket(AF_INET6, SOCK_STREAM), SocketOption.IPV6_V6ONLY));
        uses.put(Capability.PORT_ZERO_DESTINATION, s -> s.connect(s.socket(AF_INET, SOCK_STREAM), SockAddr.loopback(0)));
        uses.put(Capability.BIND_BROADCAST, s -> s.bind(s.socket(AF_INET, SOCK_DGRAM), SockAddr.inet("127.255.255.255", 9)));
        uses.put(Capability.LONG_UNIX_PATHS, s -> s.connect(s.socket(AF_UNIX, SOCK_STREAM),
                SockAddr.unix("/tmp/connectkit-" + "p".repeat(SockAddr.Un.MAX_PATH_BYTES - 16))));
        uses.put(Capability.LISTEN_BACKLOG_ZERO, s -> {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.bind(fd, SockAddr.loopback(0));
            s.listen(fd, 0);
        });
        uses.put(Capability.BIND_AFTER_CONNECT, CapabilitiesTest::bindAfterConnect);
        uses.put(Capability.UNIX_AUTOBIND, s -> s.bind(s.socket(AF_UNIX, SOCK_STREAM), SockAddr.unix("")));
        uses.put(Capability.FILE_DESCRIPTORS, s -> s.connect(s.open(Path.of("/dev/null")), SockAddr.loopback(9)));
        return uses;
    }

    /** An unnamed AF_UNIX client connects to a listener, then takes a name of its own. */
    private static void bindAfterConnect(Sockets s) throws ErrnoException {
        String dir = System.getProperty("java.io.tmpdir") + "/connectkit-cap-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime();
        try {
            java.nio.file.Files.createDirectories(Path.of(dir));
            int listener = s.socket(AF_UNIX, SOCK_STREAM);
            s.bind(listener, SockAddr.unix(dir + "/l"));
            s.listen(listener, 1);
            int client = s.socket(AF_UNIX, SOCK_STREAM);
            s.connect(client, SockAddr.unix(dir + "/l"));
            s.bind(client, SockAddr.unix(dir + "/c"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (String name : List.of("/l", "/c", "")) {
                try {
                    java.nio.file.Files.deleteIfExists(Path.of(dir + name));
                } catch (IOException ignored) {
                    // best effort: the folder is in the temporary directory
                }
            }
        }
    }

    /** What each backend showed for each capability: "yes", or the reason it gave for refusing. */
    private static final Map<String, Map<Capability, String>> SEEN = new ConcurrentHashMap<>();

    /** The capability table for the docs, in English and Chinese, from what the tests saw. */
    @AfterAll
    static void writeTheTable() throws IOException {
        if (!SEEN.keySet().containsAll(List.of("native", "sim", "nio"))) {
            return; // the table shows all three backends or nothing
        }
        Path out = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("capabilities.adoc"), table(Language.EN, "Capability", "the kernel can", "yes"));
        Files.writeString(out.resolve("capabilities.zh.adoc"), table(Language.ZH, "能力", "内核可以", "支持"));
    }

    private static String table(Language language, String capability, String what, String yes) {
        StringBuilder t = new StringBuilder("// Generated by CapabilitiesTest from what each backend did; do not edit.\n"
                + "[cols=\"2,3,1,3,3\",options=\"header\"]\n|===\n|" + capability + " |" + what
                + " |native |sim |nio\n");
        for (Capability c : Capability.values()) {
            t.append("|`").append(c).append("` |").append(ConnectErrors.what(c, language));
            for (String backend : List.of("native", "sim", "nio")) {
                String seen = SEEN.get(backend).getOrDefault(c, "?");
                t.append(" |").append(seen.equals("yes") ? yes
                        : ConnectErrors.reason(ConnectErrors.Backend.valueOf(backend.toUpperCase(Locale.ROOT)), c, language));
            }
            t.append('\n');
        }
        return t.append("|===\n").toString();
    }

    @TestFactory
    List<DynamicTest> everyCapabilityOfEveryBackend() {
        Map<String, Supplier<Sockets>> backends = new LinkedHashMap<>();
        if (Sockets.nativeUnavailableReason().isEmpty()) {
            backends.put("native", Sockets::nativeLibc);
        }
        backends.put("sim", () -> SimNetwork.create().open());
        backends.put("nio", Sockets::nio);
        List<DynamicTest> tests = new ArrayList<>();
        for (var backend : backends.entrySet()) {
            for (Capability c : Capability.values()) {
                Use use = USES.get(c);
                tests.add(DynamicTest.dynamicTest(backend.getKey() + ": " + c, () -> {
                    try (Sockets s = backend.getValue().get()) {
                        if (s.supports(c)) {
                            SEEN.computeIfAbsent(backend.getKey(), k -> new ConcurrentHashMap<>()).put(c, "yes");
                            assertThatCode(() -> {
                                try {
                                    use.on(s);
                                } catch (ErrnoException answered) {
                                    // the kernel's answer (or the simulator's): the call was expressed
                                }
                            }).as("%s claims %s", backend.getKey(), c).doesNotThrowAnyException();
                        } else {
                            assertThatThrownBy(() -> use.on(s)).as("%s lacks %s", backend.getKey(), c)
                                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                                        org.assertj.core.api.Assertions.assertThat(e.capability()).isEqualTo(c);
                                        org.assertj.core.api.Assertions.assertThat(e.getMessage())
                                                .as("the reason is the one the kit documents (ConnectErrors), in both languages")
                                                .endsWith(ConnectErrors.reason(ConnectErrors.Backend.valueOf(
                                                        backend.getKey().toUpperCase(Locale.ROOT)), c, Language.EN));
                                        org.assertj.core.api.Assertions.assertThat(ConnectErrors.reason(
                                                ConnectErrors.Backend.valueOf(backend.getKey().toUpperCase(Locale.ROOT)),
                                                c, Language.ZH)).isNotBlank();
                                        SEEN.computeIfAbsent(backend.getKey(), k -> new ConcurrentHashMap<>())
                                                .put(c, e.getMessage().substring(e.getMessage().indexOf("): ") + 3));
                                    });
                        }
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("every capability has a call that needs it", () ->
                org.assertj.core.api.Assertions.assertThat(USES.keySet()).containsExactlyInAnyOrder(Capability.values())));
        return tests;
    }
}
