package dev.connectkit.bench;

import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The benchmark at its smoke size, as {@code ./mvnw verify} runs it: every variant's outcome counts exact, every
 * layer measured by JMH, and the documentation's figures written from this very run. Speed is never asserted.
 */
@DisplayName("./connectkit bench --smoke")
class BenchSmokeTest {

    @Test
    @Timeout(300)
    @DisplayName("measures the fan-out and every layer, and writes the docs' figures in English and Chinese")
    void smoke() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Path figures = Path.of(System.getProperty("connectkit.figuresDir", "target/generated-docs"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Bench.run(List.of("--smoke", "--docs", figures.toString()), o, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; stderr: %s; stdout: %s", err, printed).isZero();
        // 400 connections: 360 accepted, 20 refused, 20 silent (the mix); ConnectFanout.measure checks every round.
        assertThat(printed).contains("360", "20").contains(Jmh.LAYERS.values().stream()
                .filter(l -> !l.equals("C loop") || printed.contains("C, epoll")).toList());
        String en = Files.readString(figures.resolve("performance-figures.adoc"));
        String zh = Files.readString(figures.resolve("performance-figures.zh.adoc"));
        assertThat(en).contains("smoke run", "400 connections", Runtime.getRuntime().availableProcessors() + " cores",
                "|360 |20 |20", "native backend (FFM)", "simulated network");
        assertThat(zh).contains("冒烟运行", "扇出 400 个连接", "|360 |20 |20", "native backend (FFM)");
        assertThat(Files.readString(figures.resolve("performance-figures.svg"))).startsWith("<svg")
                .contains("FFM epoll loop", "java.net.Socket");
    }

    @Test
    @Timeout(30)
    @DisplayName("bad input: exit status 2 and one line")
    void badInput(@TempDir Path dir) {
        for (List<String> args : List.of(List.of("--nope"), List.of("--docs", ""),
                List.of("--docs", dir.resolve("a/b").toString()), List.of("extra"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status;
            try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                status = Bench.run(args, new PrintStream(new ByteArrayOutputStream()), e);
            }
            assertThat(status).as("%s", args).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).as("%s", args).hasSize(1);
        }
    }

    @Test
    @DisplayName("the English and Chinese messages have the same keys")
    void bundlesMatch() throws Exception {
        List<Properties> both = new ArrayList<>();
        for (String name : List.of("Bench.properties", "Bench_zh.properties")) {
            Properties p = new Properties();
            try (var in = Bench.class.getResourceAsStream(name)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            both.add(p);
        }
        assertThat(both.get(1).stringPropertyNames()).isEqualTo(both.get(0).stringPropertyNames());
        assertThat(Language.values()).hasSize(2);
    }
}
