package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.cli.Main;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every exercise command and option, given malformed values: exit status 2, exactly one line on standard error
 * that names the problem (no stack trace, no raw control character), nothing on standard output, within a bound.
 */
@DisplayName("the exercise tools' command lines")
@Timeout(60)
class CliTest {

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(Kits.kit(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @AfterEach
    void forgetTheLanguage() {
        System.clearProperty(Language.PROPERTY);
    }

    static final String TMP = System.getProperty("java.io.tmpdir");

    static Stream<Arguments> malformed() {
        List<String[]> cases = new ArrayList<>(List.of(
                // no command, unknown commands
                new String[] {},
                new String[] {"frobnicate"},
                new String[] {"--verbose"},
                // progress
                new String[] {"progress", "extra"},
                new String[] {"progress", "--watch", "--watch"},
                new String[] {"progress", "--wat"},
                new String[] {"progress", "--lang"},
                new String[] {"progress", "--lang", "fr"},
                new String[] {"progress", "--lang="},
                new String[] {"progress", "--lang", "zh\u001b[31m"},
                new String[] {"progress", "-x"},
                // test
                new String[] {"test"},
                new String[] {"test", "04", "05"},
                new String[] {"test", "4x"},
                new String[] {"test", "١"},
                new String[] {"test", "99"},
                new String[] {"test", "-5"},
                new String[] {"test", ""},
                new String[] {"test", "04\u0007"},
                new String[] {"test", "../../etc"},
                new String[] {"test", "04", "--verbose=yes"},
                new String[] {"test", "@/etc/passwd"},
                new String[] {"test", "04-no-such-exercise"},
                // hint
                new String[] {"hint"},
                new String[] {"hint", "04", "0"},
                new String[] {"hint", "04", "21"},
                new String[] {"hint", "04", "9"},
                new String[] {"hint", "04", "two"},
                new String[] {"hint", "04", "1", "2"},
                new String[] {"hint", "04", "--all=1"},
                // reset
                new String[] {"reset"},
                new String[] {"reset", "04", "extra"},
                new String[] {"reset", "x"},
                new String[] {"reset", "04", "--force"},
                // grade
                new String[] {"grade"},
                new String[] {"grade", "--pristine"},
                new String[] {"grade", "--pristine", ""},
                new String[] {"grade", "--pristine", "/no/such/folder"},
                new String[] {"grade", "--pristine", TMP},
                new String[] {"grade", "--pristine", ".", "--json", ""},
                new String[] {"grade", "--pristine", ".", "--json="},
                new String[] {"grade", "--pristine", ".", "--json"},
                new String[] {"grade", "--pristine", ".", "--json", "/no/such/folder/grade.json"},
                new String[] {"grade", "--pristine", ".", "--json", TMP},
                new String[] {"grade", "--pristine", ".", "--junit", ""},
                new String[] {"grade", "--pristine", ".", "--csv", "a\nb.csv"},
                new String[] {"grade", "--pristine", ".", "--summary", ""},
                new String[] {"grade", "--pristine", ".", "--classroom", ""},
                new String[] {"grade", "--pristine", ".", "--timeout", "0"},
                new String[] {"grade", "--pristine", ".", "--timeout", "-1"},
                new String[] {"grade", "--pristine", ".", "--timeout", "99999999999"},
                new String[] {"grade", "--pristine", ".", "--timeout", "1e3"},
                new String[] {"grade", "--pristine", ".", "--only", "nine"},
                new String[] {"grade", "--pristine", ".", "--pristine", "."},
                new String[] {"grade", "--pristine", ".", "/no/such/submission"},
                new String[] {"grade", "--pristine", ".", "--classroom", TMP + "/c.b64", ".", "."},
                new String[] {"grade", "--pristine", ".", "--bogus"},
                // handout
                new String[] {"handout", "--out", ""},
                new String[] {"handout", "--out"},
                new String[] {"handout", "--out", "handout.zip"},
                new String[] {"handout", "--out", "/no/such/folder/h.tar.gz"},
                new String[] {"handout", "--folder", ""},
                new String[] {"handout", "--folder", TMP},
                new String[] {"handout", "--folder", "/no/such/folder/kit"},
                new String[] {"handout", "--out", TMP + "/h.tar.gz", "--folder", TMP + "/h"},
                new String[] {"handout", "extra"},
                // loop-bench
                new String[] {"loop-bench", "--runs", "0"},
                new String[] {"loop-bench", "--runs", "51"},
                new String[] {"loop-bench", "--runs", "many"},
                new String[] {"loop-bench", "--runs"},
                new String[] {"loop-bench", "--exercise", "ab"},
                new String[] {"loop-bench", "--exercise", "42"},
                new String[] {"loop-bench", "now"}));
        return cases.stream().map(a -> Arguments.of(String.join(" ", a), a));
    }

    @ParameterizedTest(name = "connectkit {0}")
    @MethodSource("malformed")
    @DisplayName("a malformed command line: exit 2, one line on stderr, no stack trace, nothing on stdout")
    void malformedCommandLine(String shown, String[] args) {
        Result r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> run(args));
        assertThat(r.status()).as("exit status of connectkit %s (stderr: %s)", shown, r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr of connectkit %s", shown).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ", "picocli.")
                .as("no raw control character reaches the terminal")
                .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
        assertThat(r.err()).startsWith("connectkit");
        assertThat(r.out()).as("stdout of connectkit %s", shown).isEmpty();
    }

    @Test
    @DisplayName("the corpus has at least 40 cases, and covers every command")
    void corpusSize() {
        List<Arguments> all = malformed().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        for (String command : List.of("progress", "test", "hint", "reset", "grade", "handout", "loop-bench")) {
            assertThat(all).as(command).anyMatch(a -> ((String) a.get()[0]).startsWith(command));
        }
    }

    @Test
    @DisplayName("grade --json '' and handout --out '' say the path is empty")
    void emptyPaths() {
        assertThat(run("grade", "--pristine", ".", "--json", "").err()).contains("--json").contains("empty path");
        assertThat(run("handout", "--out", "").err()).contains("--out").contains("empty path");
    }

    @Test
    @DisplayName("a control character in an argument is shown escaped, never raw")
    void controlCharacters() {
        Result r = run("test", "0\u001b[2J4");
        assertThat(r.err()).contains("\\u001B").doesNotContain("\u001b");
    }

    @Test
    @DisplayName("help, in English and in Chinese (--lang zh, or LANG=zh_CN.UTF-8 through the property)")
    void help() {
        Result en = run("grade", "--help");
        assertThat(en.status()).isZero();
        assertThat(en.out()).contains("Usage:").contains("--pristine").contains("trusted code only");
        Result zh = run("grade", "--help", "--lang", "zh");
        assertThat(zh.status()).isZero();
        assertThat(zh.out()).contains("用法").contains("只用可信的代码评分");
        System.clearProperty(Language.PROPERTY);
        for (String command : List.of("progress", "test", "hint", "reset", "handout", "loop-bench")) {
            Result r = run(command, "--help", "--lang=zh");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).as(command).contains("用法").doesNotContain("null");
        }
    }

    @Test
    @DisplayName("a usage error in Chinese when asked for")
    void usageErrorInChinese() {
        Result r = run("test", "--lang", "zh", "99");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("这里没有练习");
    }

    @Test
    @DisplayName("hint prints the README's hint for the task asked for")
    void hint() {
        Result r = run("hint", "04", "2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Task 2:").doesNotContain("Task 1:");
        Path readme = Kits.kit().resolve("exercises/04-connect-timeout/README.md");
        assertThat(readme).exists();
    }
}
