package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.support.Example;
import dev.connectkit.i18n.Language;
import dev.connectkit.javamap.JavaErrors;
import dev.connectkit.javamap.Translation;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.Errno;
import dev.connectkit.trace.Tracer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code connectkit explain}: every errno in both languages says what the docs' data says of it; a few errnos are
 * checked against facts written out here; bad input is one line and exit status 2; one errno's whole output is a
 * golden file in each language.
 */
@DisplayName("connectkit explain")
class ExplainTest {

    static Stream<Arguments> everyErrnoInBothLanguages() {
        return Arrays.stream(Errno.values()).flatMap(e -> Arrays.stream(Language.values()).map(l -> Arguments.of(e, l)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyErrnoInBothLanguages")
    @DisplayName("explains every errno of the kit in each language, from the docs' data")
    void everyErrno(Errno errno, Language language) {
        Command r = Command.run("--lang", language.tag(), "explain", errno.name());
        assertThat(r.status()).as("exit status; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String out = r.out();
        Language other = language == Language.EN ? Language.ZH : Language.EN;
        assertThat(out.lines().findFirst().orElseThrow()).as("the first line: name, Linux number, meaning")
                .startsWith(errno.name()).contains(String.valueOf(errno.linuxNumber()), errno.meaning(language));
        assertThat(out).as("both meanings").contains(errno.meaning(other));
        assertThat(out).as("when connect() returns it").contains(ConnectErrors.whenConnect(errno, language));
        ConnectErrors.row(errno).ifPresent(row -> assertThat(out).as("the kernel's case, or why there is none")
                .contains(row.linux(language)));
        Translation java = JavaErrors.of(errno);
        if (java.exception() != null) {
            assertThat(out).as("the Java exception").contains(java.exception().getName());
        }
        assertThat(out).as("what Java makes of it").contains(JavaErrors.javaSide(errno, language));
        for (Statement s : Tracer.statementsOf(errno)) {
            assertThat(out).as("the statement the trace marks").contains(s.id() + "  ");
        }
        for (Example e : Catalogue.load().tour()) {
            boolean shows = Descriptor.of(e.getClass().getPackageName()).errnos().contains(errno);
            assertThat(out.contains("./connectkit " + e.name() + " ")).as("%s names %s", errno, e.name()).isEqualTo(shows);
        }
        if (language == Language.ZH) {
            assertThat(out).as("no English heading in the Chinese output")
                    .doesNotContain("connect() on Linux", "The other backends", "In Java", "Where to see it");
        } else {
            assertThat(out).as("no Chinese outside the Chinese meaning, the seed's text and the exercise titles")
                    .contains("connect() on Linux", "The other backends", "In Java", "Where to see it")
                    .doesNotContain("其他后端", "在 Java 中");
        }
    }

    /** Facts written out by hand, in both languages: what a student looking up these errnos must read. */
    static Stream<Arguments> facts() {
        return Stream.of(
                Arguments.of("ECONNREFUSED", Language.EN, List.of("111 on Linux", "POSIX: shall fail",
                        "a loopback port where nothing listens", "java.net.ConnectException", "S-07  ",
                        "./connectkit tcp-client ", "exercises/01-tcp-client ", "the simulator: the same errno",
                        "java.nio: the same errno")),
                Arguments.of("ECONNREFUSED", Language.ZH, List.of("Linux 上为 111", "连接被拒绝", "英文：Connection refused",
                        "java.net.ConnectException", "S-07  ", "./connectkit tcp-client ", "模拟器：同一个 errno")),
                Arguments.of("EINTR", Language.EN, List.of("S-10  ", "java.nio: refuses the case: it lacks SIGNALS",
                        "cannot deliver a signal", "ClosedByInterruptException", "./connectkit interrupted-connect ",
                        "exercises/06-eintr ")),
                Arguments.of("EINTR", Language.ZH, List.of("S-10  ", "java.nio：拒绝这个情形：它缺少 SIGNALS",
                        "不能递送一个信号", "./connectkit interrupted-connect ", "exercises/06-eintr ")),
                Arguments.of("ETIMEDOUT", Language.EN, List.of("S-09  ", "lacks TCP_SYNCNT", "./connectkit connect-timeout ",
                        "ConnectException")),
                Arguments.of("EINPROGRESS", Language.EN, List.of("S-11  ", "  not an exception: a non-blocking"
                        + " connect() returns false", "./connectkit nonblocking-connect ", "exercises/05-state-machine ")),
                Arguments.of("EISCONN", Language.EN, List.of("AlreadyConnectedException", "./connectkit nonblocking-connect ",
                        "exercises/05-state-machine ", "none: the trace marks no statement")),
                Arguments.of("EACCES", Language.EN, List.of("POSIX: may fail", "S-14  ", "SO_BROADCAST", "BindException")),
                Arguments.of("ENOENT", Language.ZH, List.of("对 AF_UNIX 套接字应失败", "./connectkit unix-domain ")),
                Arguments.of("ELOOP", Language.EN, List.of("the simulator: cannot set the case up: the simulated file"
                        + " system has no symbolic links")),
                Arguments.of("EHOSTUNREACH", Language.EN, List.of("never on loopback: needs an ICMP host unreachable",
                        "the simulator: a case of its own", "java.nio: as on Linux", "NoRouteToHostException")),
                Arguments.of("ENOTCONN", Language.EN, List.of("not listed for connect()", "./connectkit udp-peer-address ",
                        "./connectkit interrupted-connect ")),
                Arguments.of("EPIPE", Language.ZH, List.of("未列为 connect() 的错误", "本工具包中没有展示它的示例或练习")),
                Arguments.of("ENOMEM", Language.EN, List.of("not listed for connect()",
                        "no example or exercise of the kit shows it", "Net.c's default")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("facts")
    @DisplayName("says what a student must read about an errno")
    void facts(String errno, Language language, List<String> expected) {
        Command r = Command.run("explain", errno, "--lang", language.tag());
        assertThat(r.status()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains(expected);
    }

    @Test
    @DisplayName("takes a name in any case or a number, and --lang before or after the errno")
    void spellings() {
        String canonical = Command.run("--lang", "en", "explain", "ECONNREFUSED").out();
        assertThat(Command.run("--lang", "en", "explain", "econnrefused").out()).isEqualTo(canonical);
        assertThat(Command.run("--lang", "en", "explain", String.valueOf(Errno.ECONNREFUSED.number())).out())
                .isEqualTo(canonical);
        assertThat(Command.run("explain", "EConnRefused", "--lang", "en").out()).isEqualTo(canonical);
        String chinese = Command.run("--lang", "zh", "explain", "ECONNREFUSED").out();
        assertThat(Command.run("explain", "--lang=zh_CN.UTF-8", "ECONNREFUSED").out()).isEqualTo(chinese);
        assertThat(chinese).isNotEqualTo(canonical);
    }

    @Test
    @DisplayName("lists every errno with --list or no errno, in each language")
    void list() {
        for (Language language : Language.values()) {
            Command listed = Command.run("--lang", language.tag(), "explain", "--list");
            assertThat(listed.status()).isZero();
            assertThat(Command.run("--lang", language.tag(), "explain").out()).isEqualTo(listed.out());
            List<String> lines = listed.out().lines().toList();
            assertThat(lines).hasSize(Errno.values().length + 1);
            for (Errno e : Errno.values()) {
                assertThat(lines).as("a line for %s", e).anySatisfy(line -> assertThat(line)
                        .startsWith("  " + e.name() + " ").contains(e.meaning(language)));
            }
        }
    }

    @Test
    @DisplayName("refuses bad input in the language asked for: one line, exit status 2")
    void badInputInEachLanguage() {
        Command en = Command.run("explain", "nope", "--lang", "en");
        assertThat(en.status()).isEqualTo(2);
        assertThat(en.out()).isEmpty();
        assertThat(en.err()).isEqualTo("connectkit explain: unknown errno \"nope\" (a name such as ECONNREFUSED, or a"
                + " number such as 111; connectkit explain --list shows them all) (usage: connectkit explain [-h]"
                + " [--list] [--lang=LANG] [ERRNO])" + System.lineSeparator());
        Command zh = Command.run("explain", "", "--lang", "zh");
        assertThat(zh.status()).isEqualTo(2);
        assertThat(zh.err().lines()).hasSize(1).first().asString().startsWith("connectkit explain：errno 为空");
        Command unknownNumber = Command.run("--lang", "zh", "explain", "4095");
        assertThat(unknownNumber.err()).startsWith("connectkit explain：未知的 errno“4095”");
    }

    @Test
    @DisplayName("prints its help in each language, exit status 0")
    void help() {
        Command en = Command.run("--lang", "en", "explain", "--help");
        assertThat(en.status()).isZero();
        assertThat(en.out()).contains("Usage: connectkit explain [-h] [--list] [--lang=LANG] [ERRNO]", "--list",
                "0   Explained, or listed.", "2   Bad input").doesNotContain("1   A system call failed");
        Command zh = Command.run("explain", "--help", "--lang", "zh");
        assertThat(zh.out()).contains("用法：connectkit explain", "列出本工具包知道的所有 errno");
        assertThat(Command.run("--lang", "en", "--help").out()).as("the command's own help names explain")
                .contains("explain", "What the kit knows of an errno");
    }

    /** The golden files: the whole output for ECONNREFUSED, in English and in Chinese. */
    static Stream<Arguments> goldens() {
        return Stream.of(Arguments.of(Language.EN, "explain-ECONNREFUSED.txt"),
                Arguments.of(Language.ZH, "explain-ECONNREFUSED.zh.txt"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("goldens")
    @DisplayName("prints ECONNREFUSED byte for byte as its golden file (-Dconnectkit.updateGolden=true rewrites it)")
    void golden(Language language, String file) throws IOException {
        assumeTrue(Errno.ECONNREFUSED.number() == Errno.ECONNREFUSED.linuxNumber(),
                "the golden files show Linux's errno numbers");
        Command r = Command.run("--lang", language.tag(), "explain", "ECONNREFUSED");
        assertThat(r.status()).isZero();
        if (Boolean.getBoolean("connectkit.updateGolden")) {
            Path dir = Files.createDirectories(Path.of("src/test/resources/dev/connectkit/examples/tour"));
            Files.writeString(dir.resolve(file), r.out());
        }
        try (InputStream in = ExplainTest.class.getResourceAsStream(file)) {
            assertThat(in).as("the golden file %s (create it with -Dconnectkit.updateGolden=true)", file).isNotNull();
            assertThat(r.out()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
