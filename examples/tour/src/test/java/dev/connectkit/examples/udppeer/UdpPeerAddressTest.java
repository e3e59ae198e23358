package dev.connectkit.examples.udppeer;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("udp-peer-address")
class UdpPeerAddressTest {

    private static Transcript run(boolean simulated) {
        return simulated ? Runs.simulated("udp-peer-address") : Runs.kernel("udp-peer-address");
    }

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("connect() records the peer (S-03), send() goes there (S-04), recv() hears only it (S-05)")
    void peerAddress(boolean simulated) {
        Transcript t = run(simulated);
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        String part1 = t.out().substring(0, t.out().indexOf("== 2."));
        assertThat(part1).containsPattern("connect\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, 16\\) = 0  \\[S-01, S-03]")
                .containsPattern("getpeername\\(\\d+, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, \\[16]\\) = 0  \\[S-03]")
                .containsPattern("\\[peer] poll\\(\\[\\{fd=\\d+, events=POLLIN}], 1, 100\\) = 0 \\(Timeout\\)")
                .containsPattern("send\\(\\d+, \"to the peer\", 11, 0\\) = 11  \\[S-04]")
                .containsPattern("\\[stranger] sendto\\(\\d+, \"from a stranger\", 15, 0, ")
                .containsPattern("recvfrom\\(\\d+, \"from the peer\", 100, 0, \\{AF_INET, 127\\.0\\.0\\.1:\\d+}, \\[16]\\)"
                        + " = 13  \\[S-05]")
                .containsPattern("\\d poll\\(\\[\\{fd=\\d+, events=POLLIN}], 1, 100\\) = 0 \\(Timeout\\)")
                .doesNotContain("\"from a stranger\", 100");
    }

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("AF_UNSPEC resets the peer (S-06): ENOTCONN, the implicit port released, EDESTADDRREQ")
    void nullAddressResetsThePeer(boolean simulated) {
        String part2 = run(simulated).out();
        part2 = part2.substring(part2.indexOf("== 2."), part2.indexOf("== 3."));
        assertThat(part2).containsSubsequence("{AF_UNSPEC}, 16) = 0  [S-06]",
                "= -1 ENOTCONN (Transport endpoint is not connected)  [S-06]",
                "{AF_INET, 0.0.0.0:0}, [16]) = 0",
                "= -1 EDESTADDRREQ (Destination address required)  [S-06]");
    }

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("with a port from bind(), the reset keeps the port and the stranger gets through again")
    void boundPortSurvivesTheReset(boolean simulated) {
        String part3 = run(simulated).out();
        part3 = part3.substring(part3.indexOf("== 3."), part3.indexOf("== 4."));
        assertThat(part3).containsPattern("bind\\((\\d+), \\{AF_INET, 127\\.0\\.0\\.1:(\\d+)}, 16\\) = 0(.*\n)+.*"
                        + "getsockname\\(\\1, \\{AF_INET, 127\\.0\\.0\\.1:\\2}")
                .containsPattern("recvfrom\\(\\d+, \"from a stranger\", 100, 0, ");
    }

    @Test
    @DisplayName("the DatagramChannel version keeps its port across disconnect()")
    void datagramChannelRebinds() {
        String out = Runs.kernel("udp-peer-address").out();
        assertThat(out).contains("the channel read \"from the peer\": the stranger's datagram was discarded")
                .containsPattern("connected: local address /127\\.0\\.0\\.1:(\\d+), remote[^\\n]*\\n(.*\\n)*"
                        + ".*after disconnect\\(\\): local address /\\[[0:]+]:\\1");
    }
}
