package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A smoke-sized run: every variant must produce exactly the outcome counts the endpoint mix implies. */
@DisplayName("connect-fanout")
class ConnectFanoutTest {

    @Test
    @Timeout(120)
    @DisplayName("every variant connects, is refused and times out exactly as often as the mix says; a chart is drawn")
    void smoke() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        ConnectFanout bench = new ConnectFanout();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            bench.run(400, Duration.ofMillis(300), 100, 200, new Narrator(out));
        }
        for (Outcomes r : bench.lastFanout()) {
            int n = r.variant().startsWith("sequential") ? 40 : 400;
            assertThat(r.matches(Endpoints.expected(n))).as("%s: %d connected, %d refused, %d timed out of %d",
                    r.variant(), r.connected(), r.refused(), r.timedOut(), n).isTrue();
        }
        assertThat(bench.lastFanout()).extracting(Outcomes::variant).contains("sequential blocking",
                "Selector, one thread", "virtual threads", "native backend, poll()");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("ratio/C", "us/call");
        if (!text.contains("C reference skipped")) {
            assertThat(bench.lastFanout()).extracting(Outcomes::variant).contains("C, epoll");
        }
        String svg = bench.chart();
        assertThat(svg).startsWith("<svg").contains("Selector, one thread", "SocketChannel");
        Path dir = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fanout.svg"), svg);
        Files.writeString(dir.resolve("fanout.txt"), text.strip() + "\n");
    }

    @Test
    @DisplayName("bad input: one line and exit status 2")
    void badInput() {
        Transcript t = Transcript.of(new ConnectFanout(), "--count", "zero");
        assertThat(t.status()).isEqualTo(Example.USAGE);
        assertThat(t.err().lines()).hasSize(1);
        assertThat(t.err()).startsWith("connect-fanout: not a number after --count: zero");
    }
}
