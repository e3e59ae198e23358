package dev.connectkit.examples.unixdomain;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("unix-domain")
class UnixDomainTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the client stays unnamed on both ends (S-02); a missing path is ENOENT")
    void unnamedClient(boolean simulated) {
        Transcript t = simulated ? Runs.simulated("unix-domain") : Runs.kernel("unix-domain");
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        assertThat(t.out()).containsPattern("connect\\(\\d+, \\{AF_UNIX, \"[^\"]+/server\\.sock\"}, \\d+\\) = 0  \\[S-02, S-07]")
                .containsPattern("getsockname\\(\\d+, \\{AF_UNIX}, \\[2]\\) = 0  \\[S-02]")
                .containsPattern("\\[peer] getpeername\\(\\d+, \\{AF_UNIX}, \\[2]\\) = 0")
                .contains("= -1 ENOENT (No such file or directory)");
    }

    @Test
    @DisplayName("on the kernel: java.nio sees the empty path too, and the scratch directory is removed")
    void kernelLeavesNothingOnDisk() {
        Transcript t = Runs.kernel("unix-domain");
        assertThat(t.out()).contains("its local address is \"\": the empty path", "its remote address is \"\"");
        Matcher dir = Pattern.compile("\\{AF_UNIX, \"(\\S+)/server\\.sock\"}").matcher(t.out());
        assertThat(dir.find()).isTrue();
        assertThat(Files.exists(Path.of(dir.group(1)))).as("the scratch directory was removed").isFalse();
    }

    @Test
    @DisplayName("simulated: fixed paths of the simulation, never created on disk, the same every run")
    void simulatedPathsAreFixed() {
        Transcript t = Runs.simulated("unix-domain");
        assertThat(t.out()).contains("{AF_UNIX, \"/connectkit-simulated/server.sock\"}");
        assertThat(Files.exists(Path.of("/connectkit-simulated"))).isFalse();
    }
}
