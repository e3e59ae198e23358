package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.i18n.Language;
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
import java.util.Properties;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A smoke-sized run: every variant must produce exactly the outcome counts the mix implies. Speed is not checked. */
@DisplayName("connect-fanout")
class ConnectFanoutTest {

    @Test
    @Timeout(120)
    @DisplayName("every variant connects, is refused and times out exactly as often as the mix says; both tables print")
    void smoke() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Settings settings = new Settings(400, Duration.ofMillis(300), 100, 1, null, false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FanoutReport report;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = ConnectFanout.measure(settings, new Narrator(out));
        }
        for (Outcomes r : report.variants()) {
            assertThat(r.matches(Endpoints.expected(400))).as("%s: %d connected, %d refused, %d timed out of 400",
                    r.variant(), r.connected(), r.refused(), r.timedOut()).isTrue();
            assertThat(r.answered()).as("%s: answered before the wall time ended", r.variant())
                    .isLessThanOrEqualTo(r.wall());
            assertThat(r.wall()).as("%s: the silent ones waited their timeout", r.variant())
                    .isGreaterThanOrEqualTo(settings.timeout());
        }
        assertThat(report.sequential().matches(Endpoints.expected(Settings.SEQUENTIAL_COUNT))).isTrue();
        assertThat(report.variants()).extracting(Outcomes::variant).contains(Variants.FFM_EPOLL, Variants.SELECTOR,
                Variants.VIRTUAL_THREADS, Variants.KIT_POLL);
        if (report.whyNoC().isEmpty()) {
            assertThat(report.c()).isPresent();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        Text en = Text.of(Language.current());
        assertThat(text).contains(en.get("col.answeredMs"), en.get("col.wallMs"), en.get("col.ratio"));
        String svg = ConnectFanout.chart(report, en);
        assertThat(svg).startsWith("<svg").contains(Variants.FFM_EPOLL, Variants.SELECTOR);
        Path dir = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fanout.svg"), svg);
        Files.writeString(dir.resolve("fanout.txt"), text.strip() + "\n");
    }

    @Test
    @DisplayName("the English and Chinese messages have the same keys")
    void bundlesMatch() throws Exception {
        List<Properties> both = new java.util.ArrayList<>();
        for (String name : List.of("Messages.properties", "Messages_zh.properties")) {
            Properties p = new Properties();
            try (var in = ConnectFanout.class.getResourceAsStream(name)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            both.add(p);
        }
        assertThat(both.get(1).stringPropertyNames()).isEqualTo(both.get(0).stringPropertyNames());
    }
}
