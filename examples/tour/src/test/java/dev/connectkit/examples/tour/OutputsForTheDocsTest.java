package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs every example and keeps what it printed: the docs show these real outputs, so they cannot drift. */
@DisplayName("example outputs for the docs")
class OutputsForTheDocsTest {

    @Test
    @Timeout(60)
    @DisplayName("every example runs with status 0; its output (native, and --simulated) is saved for the docs")
    void captureOutputs() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Path dir = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(dir);
        for (Example example : Main.EXAMPLES) {
            Transcript real = Transcript.of(example);
            assertThat(real.status()).as("%s exit status; stderr: %s", example.name(), real.err()).isZero();
            Files.writeString(dir.resolve(example.name() + ".txt"), real.out().strip() + "\n");
            Transcript simulated = Transcript.of(example, "--simulated");
            assertThat(simulated.status()).as("%s --simulated; stderr: %s", example.name(), simulated.err()).isZero();
            Files.writeString(dir.resolve(example.name() + "-simulated.txt"), simulated.out().strip() + "\n");
        }
    }
}
