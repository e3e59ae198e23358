package dev.connectkit.examples.udppeer;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
@DisplayName("udp-peer-address")
class UdpPeerAddressTest {

    @ParameterizedTest(name = "simulated: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("the peer receives what send() sent, and the stranger's datagram is never delivered")
    void peerReceivesStrangerIsDiscarded(boolean simulated) {
        if (!simulated) {
            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        }
        Transcript t = simulated ? Transcript.of(new UdpPeerAddress(), "--simulated") : Transcript.of(new UdpPeerAddress());
        assertThat(t.status()).as("stderr: %s", t.err()).isEqualTo(Example.OK);
        String part1 = t.out().substring(0, t.out().indexOf("== 2."));
        assertThat(part1).containsPattern("poll\\(peer, POLLIN, 100 ms\\) = \\[] +\\[S-03]")
                .contains("[peer] received \"to the peer\"")
                .containsPattern("recvfrom\\(\\d+\\) = \"from the peer\" \\(13 bytes\\) from 127\\.0\\.0\\.1:\\d+ +\\[S-05]")
                .containsPattern("poll\\(\\d+, POLLIN, 100 ms\\) = \\[] +\\[S-05]")
                .doesNotContain("received \"from a stranger\"")
                .contains("= -1 ENOTCONN (107)", "= -1 EDESTADDRREQ (89)", "getsockname(", ") = 0.0.0.0:0\n");
        assertThat(t.out().substring(t.out().indexOf("== 2.")))
                .as("after the reset, the stranger gets through again").contains("received \"from a stranger\"");
    }

    @Test
    @DisplayName("the DatagramChannel version keeps its port across disconnect()")
    void datagramChannelRebinds() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        String out = Transcript.of(new UdpPeerAddress()).out();
        assertThat(out).contains("channel.read(): \"from the peer\"").containsPattern(
                "local address /127\\.0\\.0\\.1:(\\d+), remote[^\\n]*\\n(.*\\n)*.*disconnect\\(\\): local address /\\[[0:]+]:\\1");
    }

    @Test
    @DisplayName("bad input: one line and exit status 2")
    void badInput() {
        Transcript t = Transcript.of(new UdpPeerAddress(), "--port", "1");
        assertThat(t.status()).isEqualTo(Example.USAGE);
        assertThat(t.err()).isEqualTo("udp-peer-address: unknown option --port (usage: udp-peer-address [--simulated])"
                + System.lineSeparator());
    }
}
