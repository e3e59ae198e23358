package dev.connectkit.posix;

import dev.connectkit.i18n.Language;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API's edge, the same on every backend: what C cannot express is refused with one exception type and a
 * one-line message before any backend sees it, the kit never allocates what a caller merely asks for, and a
 * failure names its call, descriptor and address.
 */
@Isolated // it changes a system property the other tests read
@DisplayName("the API's boundary")
@Timeout(20)
class ApiBoundaryTest {

    /** Every backend that can run here; the native one only where it is available. */
    static Stream<Named<Supplier<Sockets>>> backends() {
        List<Named<Supplier<Sockets>>> all = new ArrayList<>();
        if (Sockets.nativeUnavailableReason().isEmpty()) {
            all.add(Named.of("native", Sockets::nativeLibc));
        }
        all.add(Named.of("sim", () -> SimNetwork.create().open()));
        all.add(Named.of("nio", Sockets::nio));
        return all.stream();
    }

    private static void with(Supplier<Sockets> backend, ThrowingConsumer<Sockets> body) throws Throwable {
        try (Sockets s = backend.get()) {
            body.accept(s);
            assertThat(s.openDescriptors()).as("descriptors left open").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("a null argument is refused with IllegalArgumentException naming the call and the argument")
    void nulls(Supplier<Sockets> backend) throws Throwable {
        with(backend, s -> {
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            assertThatThrownBy(() -> s.socket(AF_INET, null)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("socket: type must not be null");
            assertThatThrownBy(() -> s.socket(null, SOCK_STREAM)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("socket: domain must not be null");
            assertThatThrownBy(() -> s.connect(fd, null)).hasMessage("connect: addr must not be null");
            assertThatThrownBy(() -> s.bind(fd, null)).hasMessage("bind: addr must not be null");
            assertThatThrownBy(() -> s.shutdown(fd, null)).hasMessage("shutdown: how must not be null");
            assertThatThrownBy(() -> s.send(fd, null)).hasMessage("send: data must not be null");
            assertThatThrownBy(() -> s.recv(fd, null)).hasMessage("recv: buffer must not be null");
            assertThatThrownBy(() -> s.sendto(fd, new byte[1], null)).hasMessage("sendto: to must not be null");
            assertThatThrownBy(() -> s.getsockopt(fd, null)).hasMessage("getsockopt: option must not be null");
            assertThatThrownBy(() -> s.poll((List<PollFd>) null, 0)).hasMessage("poll: fds must not be null");
            assertThatThrownBy(() -> s.poll(Collections.singletonList(null), 0))
                    .hasMessage("poll: an entry of fds must not be null");
            assertThatThrownBy(() -> s.alarm(null)).hasMessage("alarm: delay must not be null");
            assertThatThrownBy(() -> s.poll(new PollFd(fd, null), 0)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("poll: the events of fd " + fd + " must not be null (use an empty set)");
            assertThat(s.openDescriptors()).as("no refused call opened a socket").containsExactly(fd);
            s.close(fd);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("recvfrom() refuses a negative length and never allocates more than MAX_RECEIVE")
    void receiveLengths(Supplier<Sockets> backend) throws Throwable {
        with(backend, s -> {
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            s.bind(fd, SockAddr.loopback(0));
            SockAddr self = s.getsockname(fd);
            s.sendto(fd, "twelve bytes".getBytes(StandardCharsets.UTF_8), self);
            assertThatThrownBy(() -> s.recvfrom(fd, -1)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("recvfrom: maxLength must be 0 or more, not -1");
            Datagram d = s.recvfrom(fd, Integer.MAX_VALUE);
            assertThat(d.text()).isEqualTo("twelve bytes");
            s.close(fd);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("alarm() refuses a negative delay, as setitimer() does with EINVAL")
    void negativeAlarm(Supplier<Sockets> backend) throws Throwable {
        with(backend, s -> assertThatThrownBy(() -> s.alarm(Duration.ofMillis(-1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alarm: the delay must not be negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("poll() with more than MAX_POLL_FDS entries fails with EINVAL, as Linux past its limit")
    void tooManyPollEntries(Supplier<Sockets> backend) throws Throwable {
        with(backend, s -> {
            int fd = s.socket(AF_INET, SOCK_DGRAM);
            List<PollFd> many = Collections.nCopies(Sockets.MAX_POLL_FDS + 1, PollFd.readable(fd));
            assertThatThrownBy(() -> s.poll(many, 0)).isInstanceOfSatisfying(ErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
            s.close(fd);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @DisplayName("a failed call names its call, descriptor and address, in English and in Chinese")
    void failureNamesWhatFailed(Supplier<Sockets> backend) throws Throwable {
        with(backend, s -> {
            int fd = s.socket(AF_INET, SOCK_STREAM);
            s.close(fd);
            SockAddr nowhere = SockAddr.loopback(9);
            assertThatThrownBy(() -> s.connect(fd, nowhere)).isInstanceOfSatisfying(ErrnoException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("connect(" + fd + ", 127.0.0.1:9): Bad file descriptor ("
                        + Errno.EBADF.describe() + ")");
                assertThat(e.fd()).hasValue(fd);
                assertThat(e.address()).contains(nowhere);
                assertThat(e.call()).isEqualTo("connect");
            });
        });
    }

    @Test
    @DisplayName("the localized message follows the language: connectkit.lang=zh gives the Chinese meaning")
    void localizedMessage() {
        ErrnoException e = new ErrnoException("connect", Errno.ECONNREFUSED).at(3, SockAddr.loopback(9));
        String before = System.getProperty(Language.PROPERTY);
        try {
            System.setProperty(Language.PROPERTY, "zh");
            assertThat(e.getLocalizedMessage()).isEqualTo("connect(3, 127.0.0.1:9)：" + Errno.ECONNREFUSED.meaningZh()
                    + " (" + Errno.ECONNREFUSED.describe() + ")");
            System.setProperty(Language.PROPERTY, "en");
            assertThat(e.getLocalizedMessage()).isEqualTo(e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, before);
            }
        }
    }

    @Test
    @DisplayName("-Dconnectkit.native=unavailable makes the native backend unavailable, with that reason")
    void nativeCanBeSwitchedOff() {
        String before = System.getProperty("connectkit.native");
        try {
            System.setProperty("connectkit.native", "unavailable");
            assertThat(Sockets.nativeUnavailableReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("connectkit.native=unavailable"));
            assertThatThrownBy(Sockets::nativeLibc).isInstanceOf(UnsupportedOperationException.class);
        } finally {
            if (before == null) {
                System.clearProperty("connectkit.native");
            } else {
                System.setProperty("connectkit.native", before);
            }
        }
    }
}
