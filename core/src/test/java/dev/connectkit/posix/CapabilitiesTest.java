package dev.connectkit.posix;

import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        uses.put(Capability.FILE_DESCRIPTORS, s -> s.connect(s.open(Path.of("/dev/null")), SockAddr.loopback(9)));
        return uses;
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
                            assertThatCode(() -> {
                                try {
                                    use.on(s);
                                } catch (ErrnoException answered) {
                                    // the kernel's answer (or the simulator's): the call was expressed
                                }
                            }).as("%s claims %s", backend.getKey(), c).doesNotThrowAnyException();
                        } else {
                            assertThatThrownBy(() -> use.on(s)).as("%s lacks %s", backend.getKey(), c)
                                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                                            e -> org.assertj.core.api.Assertions.assertThat(e.capability()).isEqualTo(c));
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
