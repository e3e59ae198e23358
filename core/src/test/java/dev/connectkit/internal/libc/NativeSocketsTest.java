package dev.connectkit.internal.libc;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_INET6;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What keeps the native backend from crashing or corrupting the JVM. */
@DisplayName("the native backend")
class NativeSocketsTest {
    private NativeSockets s;

    @BeforeEach
    void open() {
        assumeTrue(NativeSockets.unavailableReason().isEmpty(), () -> NativeSockets.unavailableReason().orElseThrow());
        s = NativeSockets.open();
    }

    @AfterEach
    void close() {
        if (s != null) {
            s.close();
        }
    }

    @ParameterizedTest(name = "fd {0}")
    @ValueSource(ints = {0, 1, 2, -1, 1_000_000})
    @DisplayName("refuses descriptors it did not open with EBADF, and leaves them alone")
    void refusesForeignDescriptors(int fd) {
        assertThat(Outcome.of(() -> s.close(fd))).isEqualTo(failed(Errno.EBADF));
        assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback(9)))).isEqualTo(failed(Errno.EBADF));
        assertThat(Outcome.of(() -> s.getsockopt(fd, SocketOption.SO_ERROR))).isEqualTo(failed(Errno.EBADF));
        if (fd >= 0 && fd <= 2) {
            assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).as("the JVM's own descriptor is still open")
                    .isTrue();
        }
    }

    @Test
    @DisplayName("releases the kernel descriptor on close(), and a second close() is EBADF")
    void closeReleasesTheDescriptor() throws ErrnoException, IOException {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        Path link = Path.of("/proc/self/fd/" + fd);
        String before = Files.readSymbolicLink(link).toString();
        assertThat(before).startsWith("socket:");

        s.close(fd);

        assertThat(!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !Files.readSymbolicLink(link).toString().equals(before))
                .as("descriptor %d no longer refers to %s", fd, before).isTrue();
        assertThat(Outcome.of(() -> s.close(fd))).isEqualTo(failed(Errno.EBADF));
        assertThat(s.openDescriptors()).isEmpty();
    }

    @Test
    @DisplayName("close() of the backend closes every descriptor it still has")
    void closingTheBackendClosesEverything() throws ErrnoException {
        s.socket(AF_INET, SOCK_STREAM);
        s.socket(AF_INET, SOCK_STREAM);
        assertThat(s.openDescriptors()).hasSize(2);
        s.close();
        assertThat(s.openDescriptors()).isEmpty();
    }

    @Test
    @DisplayName("reports an addrlen past sockaddr_storage as the kernel does (EINVAL), reading nothing out of bounds")
    void hugeAddrlenIsEinval() throws ErrnoException {
        int fd = s.socket(AF_INET, SOCK_STREAM);
        assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback(9), 129))).isEqualTo(failed(Errno.EINVAL));
        assertThat(Outcome.of(() -> s.connect(fd, SockAddr.loopback(9), -1))).isEqualTo(failed(Errno.EINVAL));
        s.close(fd);
    }

    @Test
    @DisplayName("binds an AF_UNIX path of all 108 bytes of sun_path, which Linux accepts without a final NUL")
    void fullLengthUnixPath(@TempDir Path dir) throws ErrnoException {
        String prefix = dir.toString() + "/";
        String path = prefix + "p".repeat(SockAddr.Un.MAX_PATH_BYTES - prefix.length());
        assertThat(path).hasSize(108);
        int fd = s.socket(AF_UNIX, SOCK_STREAM);
        s.bind(fd, SockAddr.unix(path));
        assertThat(s.getsockname(fd)).isEqualTo(SockAddr.unix(path));
        s.close(fd);
    }

    @Test
    @DisplayName("names a v4-mapped IPv6 peer as the IPv6 address it is (::ffff:127.0.0.1), not as IPv4")
    void v4MappedNames() throws ErrnoException {
        int listener = s.socket(AF_INET, SOCK_STREAM);
        s.bind(listener, SockAddr.loopback(0));
        s.listen(listener, 1);
        int port = ((SockAddr.In) s.getsockname(listener)).port();
        int fd = s.socket(AF_INET6, SOCK_STREAM);
        s.connect(fd, SockAddr.inet6("::ffff:127.0.0.1", port)); // a dual-stack socket reaching an IPv4 listener
        assertThat(s.getpeername(fd)).isEqualTo(SockAddr.inet6("::ffff:127.0.0.1", port));
        assertThat(s.getsockname(fd)).isInstanceOfSatisfying(SockAddr.In6.class,
                local -> assertThat(local.address().getAddress()).startsWith(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1));
        s.close(fd);
        s.close(listener);
    }
}
