package dev.connectkit.examples.unixdomain;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("unix-domain")
class UnixDomainTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the client stays unnamed on both ends; a missing path is ENOENT; nothing is left on disk")
    void unnamedClient(boolean simulated) {
        if (!simulated) {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        }
        Transcript t = simulated ? Transcript.of(new UnixDomain(), "--simulated") : Transcript.of(new UnixDomain());
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsPattern("getsockname\\(\\d+\\) = unix:\\(unnamed\\) +\\[S-02]")
                .contains("getpeername() = unix:(unnamed)", "= -1 ENOENT (2) No such file or directory");
        if (!simulated) {
            assertThat(t.out()).contains("client.getLocalAddress() = \"\"", "accepted.getRemoteAddress() = \"\"");
        }
        Matcher dir = Pattern.compile("listening on unix:(\\S+)/server\\.sock").matcher(t.out());
        assertThat(dir.find()).isTrue();
        assertThat(Files.exists(Path.of(dir.group(1)))).as("the scratch directory was removed").isFalse();
    }
}
