package dev.connectkit.claims;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static dev.connectkit.testing.Outcome.failed;
import static dev.connectkit.testing.Outcome.success;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S-14 on Linux, a real privilege: connecting to an AF_UNIX socket needs write permission on its file (unix(7)),
 * and a process with CAP_DAC_OVERRIDE (root, by default) connects without it. SO_BROADCAST, by contrast, is an
 * option any process may set. Capabilities belong to a thread on Linux, so the test drops CAP_DAC_OVERRIDE from
 * the effective set of one thread of its own, and the rest of the JVM keeps it.
 */
@DisplayName("claim: the privilege S-14 speaks of, on Linux: CAP_DAC_OVERRIDE over a socket file's permission")
class SocketFilePrivilegeTest extends OnTheKernel {

    @Test
    @DisplayName("a socket file without write permission: EACCES without CAP_DAC_OVERRIDE, a connection with it")
    void writePermissionOrThePrivilege(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.sock");
        SockAddr.Un path = SockAddr.unix(file.toString());
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        try {
            s.bind(listener, path);
            s.listen(listener, 8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            boolean privileged = LinuxExtras.hasEffective(LinuxExtras.CAP_DAC_OVERRIDE);

            assertThat(connectOnce(path)).as("this process %s CAP_DAC_OVERRIDE", privileged ? "has" : "lacks")
                    .isEqualTo(privileged ? success() : failed(Errno.EACCES));
            if (privileged) {
                assertThat(onAThreadWithout(LinuxExtras.CAP_DAC_OVERRIDE, () -> connectOnce(path)))
                        .as("the same connect() from a thread without CAP_DAC_OVERRIDE: the file's mode decides")
                        .isEqualTo(failed(Errno.EACCES));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThat(privileged ? onAThreadWithout(LinuxExtras.CAP_DAC_OVERRIDE, () -> connectOnce(path))
                    : connectOnce(path)).as("with write permission for its owner, no privilege is needed")
                    .isEqualTo(success());
        } finally {
            s.close(listener);
        }
    }

    /** Connects a new AF_UNIX stream socket to {@code path} and closes it, returning what connect() did. */
    private Outcome connectOnce(SockAddr.Un path) throws Exception {
        int fd = s.socket(AF_UNIX, SOCK_STREAM);
        try {
            return Outcome.of(() -> s.connect(fd, path));
        } finally {
            s.close(fd);
        }
    }

    @FunctionalInterface
    private interface Step {
        Outcome run() throws Exception;
    }

    /** Runs {@code step} on a new platform thread whose effective set lacks {@code capability}. */
    private static Outcome onAThreadWithout(int capability, Step step) throws Exception {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("without-capability-" + capability).start(() -> {
            try {
                LinuxExtras.setEffective(capability, false);
                result.complete(step.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            thread.join(PROMPTLY_MILLIS);
        }
    }
}
