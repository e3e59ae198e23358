package dev.connectkit.examples.fanout;

import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * connect-fanout as its own process, as a person runs it: stopped with SIGTERM, or started under a low open-file
 * limit. Each child gets a private temporary folder, so what it leaves behind is visible and nobody else's.
 */
@DisplayName("connect-fanout as a process")
class ProcessExitTest {

    @BeforeEach
    void onLinux() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
    }

    /** java, on the test's class path and module path together, running ConnectFanout.main. */
    private static List<String> java(Path tmp, String... args) {
        String path = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .filter(p -> !p.isEmpty()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-Dconnectkit.lang=en",
                "-cp", path, ConnectFanout.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<Path> leftovers(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("connectkit-fanout")).toList();
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("SIGTERM during the run removes the temporary folder with the compiled C program")
    void sigtermCleansUp(@TempDir Path tmp) throws Exception {
        Process p = new ProcessBuilder(java(tmp, "--count", "4000", "--timeout-ms", "2000", "--window", "50"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        // Wait (bounded) until the C program is compiled: then the run is under way and there is a folder to lose.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (leftovers(tmp).stream().noneMatch(d -> Files.isExecutable(d.resolve("fanout")))) {
            assertThat(p.isAlive()).as("the benchmark is still running; output: %s",
                    Files.readString(tmp.resolve("out.txt"))).isTrue();
            assertThat(System.nanoTime()).as("the C program was compiled within 90 s").isLessThan(deadline);
            p.waitFor(20, TimeUnit.MILLISECONDS); // returns early if it exits; else look again
        }
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(leftovers(tmp)).as("left in the temporary folder").isEmpty();
    }

    @Test
    @Timeout(120)
    @DisplayName("an open-file limit too low for any window ends at once with status 2 and one line naming ulimit")
    void lowOpenFileLimit(@TempDir Path tmp) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n 40 && exec \"$@\"", "bash"));
        command.addAll(java(tmp, "--count", "400"));
        Path errFile = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectError(errFile.toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        assertThat(exited).as("ended within 60 s (it used to spin forever)").isTrue();
        assertThat(p.exitValue()).as("exit status; stderr: %s", err).isEqualTo(2);
        assertThat(err.lines()).hasSize(1);
        assertThat(err).contains("ulimit -n");
        assertThat(leftovers(tmp)).isEmpty();
    }

    @Test
    @Timeout(120)
    @DisplayName("a low open-file limit (150) shrinks the window, says so, and the run completes")
    void smallOpenFileLimit(@TempDir Path tmp) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n 150 && exec \"$@\"", "bash"));
        command.addAll(java(tmp, "--count", "400", "--timeout-ms", "100", "--rounds", "1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(tmp.resolve("out.txt"));
        assertThat(exited).as("ended within 90 s (it used to spin forever); output: %s", out).isTrue();
        assertThat(p.exitValue()).as("exit status; output: %s", out).isZero();
        assertThat(out).contains("does not fit the open-file limit of 150");
        assertThat(leftovers(tmp)).isEmpty();
    }
}
