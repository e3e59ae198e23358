package dev.connectkit.fuzz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random programs of calls with adversarial arguments on every backend, in a JVM of their own so that an abort
 * (a crash in native code) is a failure here rather than the end of the test run. Allowed outcomes: the call's
 * result, an errno, the documented argument error (IllegalArgumentException, one line), or a refused capability;
 * anything else fails, and so does any step where the simulator or java.nio answers otherwise than the kernel.
 *
 * <p>{@code ./mvnw verify} runs a fixed seed; a longer run: {@code -Dconnectkit.fuzz.programs=20000
 * -Dconnectkit.fuzz.seed=N}.
 */
@DisplayName("the API under random misuse")
class ApiFuzzTest {
    private static final long SEED = Long.getLong("connectkit.fuzz.seed", 20261125L);
    private static final int PROGRAMS = Integer.getInteger("connectkit.fuzz.programs", 300);
    private static final int STEPS = Integer.getInteger("connectkit.fuzz.steps", 40);
    private static final long BOUND_SECONDS = Long.getLong("connectkit.fuzz.boundSeconds", 120);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("no call crashes, hangs or escapes the documented outcomes, and every backend answers as the kernel")
    void randomPrograms() throws Exception {
        Path classes = Path.of("target/classes").toAbsolutePath();
        Path testClasses = Path.of("target/test-classes").toAbsolutePath();
        assertThat(classes).as("the core's classes (the test runs in core's folder)").isDirectory();
        Path log = Files.createTempFile("connectkit-fuzz", ".log");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                    "-cp", classes + File.pathSeparator + testClasses,
                    FuzzMain.class.getName(), String.valueOf(SEED), String.valueOf(PROGRAMS), String.valueOf(STEPS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly().waitFor();
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.stream().filter(l -> l.startsWith("FUZZ KINDS") || l.startsWith("FUZZ COMPARED")
                    || l.startsWith("FUZZ MISMATCHES") || l.startsWith("FUZZ DONE")).forEach(System.out::println);

            assertThat(finished).as("the fuzzer finished within %d s (a hang otherwise)", BOUND_SECONDS).isTrue();
            assertThat(child.exitValue()).as("the fuzzer's JVM exit status (134: an abort); its output:%n%s",
                    String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).isZero();
            assertThat(lines).as("calls that escaped the documented outcomes")
                    .noneMatch(l -> l.startsWith("FUZZ BUG"));
            assertThat(lines).as("steps where java.nio answered otherwise than the kernel")
                    .noneMatch(l -> l.startsWith("FUZZ MISMATCH nio"));
            assertThat(lines).as("steps where the simulator answered otherwise than the kernel")
                    .noneMatch(l -> l.startsWith("FUZZ MISMATCH sim"));
            assertThat(lines).anyMatch(l -> l.startsWith("FUZZ DONE"));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
