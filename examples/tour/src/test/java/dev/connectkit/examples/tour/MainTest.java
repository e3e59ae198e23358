package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.testing.Runs;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the connectkit command")
class MainTest {

    @Test
    @Timeout(60)
    @DisplayName("runs the tour on the kernel: every example in order, exit status 0; its output is kept for the README")
    void tour() throws IOException {
        Runs.requireKernel();
        Command r = Command.run("--lang", "en");
        Path dir = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tour.txt"), r.out());
        assertThat(r.status()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        int i = 1;
        for (Example example : Catalogue.load().tour()) {
            assertThat(r.out()).contains("# " + i++ + "/6  " + example.name() + ": " + example.summary(Language.EN));
        }
        assertThat(r.out()).contains("The tour is over").doesNotContain("connect-fanout");
    }

    @Test
    @DisplayName("lists the tour's examples with their statements and options, and the benchmark apart")
    void list() {
        Command r = Command.run("--lang", "en", "list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsSubsequence("tcp-client", "statements S-01, S-07; options: [-h] [--simulated]",
                "udp-peer-address", "nonblocking-connect", "connect-timeout", "interrupted-connect", "unix-domain");
        if (Runs.benchmarkPresent()) {
            assertThat(r.out()).containsSubsequence("unix-domain", "Other programs", "connect-fanout");
        }
    }

    @Test
    @DisplayName("lists in Chinese with --lang zh or LANG-style tags")
    void listInChinese() {
        Command r = Command.run("--lang", "zh_CN.UTF-8", "list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("各个示例", "手册页中的 TCP 客户端", "条目 S-01, S-07；选项：");
    }

    @Test
    @DisplayName("runs one example by name, with its own options after the name")
    void oneExample() {
        Command r = Command.run("unix-domain", "--simulated", "--lang", "en");
        assertThat(r.status()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("getsockname(4, {AF_UNIX}, [2]) = 0  [S-02]");
    }

    @Test
    @DisplayName("prints help in each language, exit status 0")
    void help() {
        Command en = Command.run("--lang", "en", "--help");
        assertThat(en.status()).isZero();
        assertThat(en.out()).contains("Usage: connectkit", "--lang=LANG", "the tour runs every example");
        Command zh = Command.run("--lang", "zh", "--help");
        assertThat(zh.out()).contains("用法：connectkit", "导览按顺序运行所有示例");
        Command example = Command.run("tcp-client", "--lang", "zh", "--help");
        assertThat(example.status()).isZero();
        assertThat(example.out()).contains("用法：tcp-client", "--listen-port=PORT", "示例自带监听器的端口", "退出状态");
    }

    @Test
    @DisplayName("rejects an unknown example in one line naming the known ones, exit status 2")
    void unknownExample() {
        Command r = Command.run("--lang", "en", "no-such-example");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("connectkit: unknown example \"no-such-example\" (examples: tcp-client,")
                .contains("unix-domain");
    }
}
