package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the native backend cannot run (a student's macOS or Windows laptop; here forced with
 * {@code -Dconnectkit.native=unavailable}), the tour and every example run their POSIX calls on the simulated
 * network instead of failing, and say so in one line before they start. Their java.net part still runs: the JDK
 * works everywhere.
 */
@DisplayName("without the native backend")
@Timeout(60)
class FallbackTest {
    private static final String FORCE = "connectkit.native";
    private String previous;

    @BeforeEach
    void forceUnavailable() {
        previous = System.getProperty(FORCE);
        System.setProperty(FORCE, "unavailable");
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(FORCE);
        } else {
            System.setProperty(FORCE, previous);
        }
    }

    static Stream<String> examples() {
        return Catalogue.load().tour().stream().map(Example::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("each example completes on the simulated network, after one line that says why")
    void eachExampleFallsBack(String name) {
        Command r = Command.run("--lang", "en", name);
        assertThat(r.status()).as("%s exit status; stderr: %s", name, r.err()).isZero();
        assertThat(r.err().lines()).as("stderr").hasSize(1).allMatch(l ->
                l.startsWith("connectkit: the native backend cannot run here (")
                        && l.contains("-Dconnectkit.native=unavailable")
                        && l.endsWith("); the POSIX calls run on the simulated network instead."));
        assertThat(r.out()).as("virtual time: the simulator's trace").contains("  0.000000 ")
                .doesNotContain("left out with --simulated");
    }

    @Test
    @DisplayName("the tour completes on the simulated network and says so once, at the start")
    void theTourFallsBack() {
        Command r = Command.run("--lang", "zh");
        assertThat(r.status()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err().lines()).hasSize(1).allMatch(l -> l.startsWith("connectkit：本机后端在这里无法运行（")
                && l.endsWith("POSIX 调用改在模拟网络上运行。"));
        assertThat(r.out()).contains("导览结束");
    }
}
