package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated run prints the same bytes every time: no temporary path, no port or descriptor of the machine, no
 * wall-clock time; and nothing unfinished in it ({@code null} where an address belongs).
 */
@DisplayName("simulated runs are deterministic")
class DeterminismTest {

    static Stream<String> examples() {
        return Catalogue.load().tour().stream().map(Example::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("run twice with --simulated, in each language: byte-identical, exit 0, nothing on stderr")
    void sameBytesEveryRun(String name) {
        for (Language language : Language.values()) {
            Transcript first = Runs.simulated(name, language);
            Transcript second = Runs.run(name, language, "--simulated");
            assertThat(first.status()).as("%s exit status; stderr: %s", name, first.err()).isZero();
            assertThat(first.err()).isEmpty();
            assertThat(second.out()).as("%s, %s, second run", name, language).isEqualTo(first.out());
            assertThat(first.out()).as("an address left unfilled").doesNotContainPattern("null >|> null|\\(null\\)|=null");
            assertThat(first.out()).as("a path of the machine").doesNotContain("/tmp/", System.getProperty("user.dir"));
        }
    }
}
