package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code connect-fanout}: exit status 2, one line on stderr, no stack trace, and no connection made
 * first (each case returns long before a fan-out could have run).
 */
@DisplayName("connect-fanout's command line")
class CommandLineTest {

    private static Transcript usageError(String... args) {
        Transcript t = Transcript.of(new ConnectFanout(), args);
        assertThat(t.status()).as("exit status; stderr: %s", t.err()).isEqualTo(Example.USAGE);
        assertThat(t.err().lines()).as("stderr").hasSize(1);
        assertThat(t.err()).as("stderr").startsWith("connect-fanout: ").doesNotContain("Exception", "\tat ");
        assertThat(t.out()).as("nothing ran").isEmpty();
        return t;
    }

    @ParameterizedTest(name = "--count {0}")
    @ValueSource(strings = {"zero", "-5", "0", "1000001", "99999999999", "١٠", "1e3", "+10", " 10", ""})
    @Timeout(10)
    @DisplayName("--count takes ASCII digits from 1 to 1,000,000 only")
    void countOutOfRange(String value) {
        usageError("--count", value);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("--timeout-ms 99999999 is refused at once (the limit is 60,000 ms), not run for 28 hours")
    void hugeTimeout() {
        assertThat(usageError("--timeout-ms", "99999999").err()).contains("--timeout-ms", "60000");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("--per-call 2147483647 is refused at once: the per-call cost is JMH's job (./connectkit bench)")
    void hugePerCall() {
        usageError("--per-call", "2147483647");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("a run that would wait longer than 15 minutes for its silent endpoints is refused, with the sum")
    void unboundedTotal() {
        assertThat(usageError("--count", "1000000", "--timeout-ms", "60000", "--window", "1").err())
                .contains("--window");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("--svg into a folder that does not exist is refused before the benchmark runs")
    void svgMissingFolder(@TempDir Path dir) {
        assertThat(usageError("--svg", dir.resolve("missing/chart.svg").toString()).err()).contains("missing");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("--svg with an empty name, or naming a folder, is refused before the benchmark runs")
    void svgEmptyOrFolder(@TempDir Path dir) {
        usageError("--svg", "");
        usageError("--svg", dir.toString());
        usageError("--simulated", "--svg", dir.resolve("chart.svg").toString());
    }

    @Test
    @Timeout(10)
    @DisplayName("control characters in a bad value are shown escaped, never raw")
    void controlCharacters() {
        assertThat(usageError("--count", "1\u001b[2J").err()).contains("\\u001b").doesNotContain("\u001b");
    }

    @Test
    @Timeout(10)
    @DisplayName("an unknown option or a stray argument is a usage error")
    void unknown() {
        usageError("--nope");
        usageError("extra");
        usageError("--count");
    }
}
