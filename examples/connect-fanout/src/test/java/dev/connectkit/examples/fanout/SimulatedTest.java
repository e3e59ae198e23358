package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connect-fanout --simulated}: the fan-out on the simulated network, in virtual time, the same every run. */
@DisplayName("connect-fanout --simulated")
class SimulatedTest {

    @Test
    @Timeout(60)
    @DisplayName("runs the mix in virtual time: exact outcome counts, and byte-identical output on a second run")
    void simulated() {
        Transcript first = Transcript.of(new ConnectFanout(), "--simulated", "--count", "2000");
        assertThat(first.status()).as("stderr: %s", first.err()).isEqualTo(Example.OK);
        int[] expected = Endpoints.expected(2000);
        assertThat(first.out()).contains(Text.current().get("sim.counts", expected[0], expected[1], expected[2]));
        Transcript second = Transcript.of(new ConnectFanout(), "--simulated", "--count", "2000");
        assertThat(second.out()).isEqualTo(first.out());
    }
}
