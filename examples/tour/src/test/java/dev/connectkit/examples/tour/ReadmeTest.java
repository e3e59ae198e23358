package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The README's generated parts, checked against the code so that they cannot go stale: the start of the tour's
 * output, and the tables of examples, exercises and statements. Each part sits between
 * {@code <!-- generated: NAME -->} and {@code <!-- end: NAME -->} in README.md. With
 * {@code -Dconnectkit.updateReadme=true} the test writes the parts instead of checking them. A student handout
 * has a README of its own, without these parts: there the checks are not generated.
 */
@DisplayName("the README's generated parts")
class ReadmeTest {

    static final Path README = Kit.ROOT.resolve("README.md");
    static final boolean UPDATE = Boolean.getBoolean("connectkit.updateReadme");
    static final String HOW_TO_UPDATE = "./mvnw verify -pl examples/tour -am -Dconnectkit.updateReadme=true";

    /** How many lines of the tour the README shows. */
    static final int EXCERPT_LINES = 14;

    private static final Pattern STATEMENT_TAG = Pattern.compile("\\[(S-\\d\\d)]");

    @TestFactory
    @DisplayName("the README's generated parts match the code")
    Stream<DynamicTest> generatedParts() {
        if (!Kit.isTheKit()) {
            return Stream.empty();
        }
        return Stream.of(
                bounded("the examples table lists the tour's examples, what each shows and the statements its"
                        + " output names", ReadmeTest::examples),
                bounded("the exercises table lists exercises/*/exercise.properties: title, statements, level",
                        ReadmeTest::exercises),
                bounded("the statements table lists every statement of the man page, by id", ReadmeTest::statements),
                bounded("the start of the tour's first example is a real run (numbers such as ports aside)",
                        ReadmeTest::tourExcerpt));
    }

    /** A dynamic test within 30 s (a dynamic test has no @Timeout of its own). */
    private static DynamicTest bounded(String name, Executable check) {
        return dynamicTest(name, () -> assertTimeoutPreemptively(Duration.ofSeconds(30), check));
    }

    static void examples() throws IOException {
        List<String> rows = new ArrayList<>(List.of("| Example | What it shows | Statements |", "|---|---|---|"));
        for (Example example : Catalogue.load().tour()) {
            // The simulated run names the same statements as the real one, and takes no real time to wait.
            Transcript run = Transcript.of(example, "--simulated");
            assertThat(run.status()).as("%s --simulated; stderr: %s", example.name(), run.err()).isZero();
            rows.add("| `%s` | %s | %s |".formatted(example.name(), example.summary(), statementsNamedIn(run.out())));
        }
        check("examples", String.join("\n", rows));
    }

    static void exercises() throws IOException {
        List<String> rows = new ArrayList<>(List.of("| Exercise | What you write | Statements | Level |",
                "|---|---|---|---|"));
        List<Path> folders;
        try (Stream<Path> all = Files.list(Kit.ROOT.resolve("exercises"))) {
            folders = all.filter(d -> Files.isRegularFile(d.resolve("exercise.properties"))).sorted().toList();
        }
        assertThat(folders).as("exercise folders under %s", Kit.ROOT.resolve("exercises")).isNotEmpty();
        for (Path folder : folders) {
            Properties exercise = new Properties();
            try (Reader in = Files.newBufferedReader(folder.resolve("exercise.properties"), StandardCharsets.UTF_8)) {
                exercise.load(in);
            }
            String name = folder.getFileName().toString();
            rows.add("| [%s](exercises/%s/README.md) | %s | %s | %s |".formatted(name, name,
                    exercise.getProperty("title"), exercise.getProperty("statements").replace(",", ", "),
                    exercise.getProperty("level")));
        }
        check("exercises", String.join("\n", rows));
    }

    static void statements() throws IOException {
        List<String> rows = new ArrayList<>(List.of("| Id | What the man page says |", "|---|---|"));
        for (Statement s : Statement.values()) {
            rows.add("| %s | %s |".formatted(s.id(), s.title()));
        }
        check("statements", String.join("\n", rows));
    }

    static void tourExcerpt() throws IOException {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Example first = Catalogue.load().tour().getFirst();
        Transcript run = Transcript.of(first);
        assertThat(run.status()).as("%s exit status; stderr: %s", first.name(), run.err()).isZero();
        // The beginning of the tour's first example, as running that example alone prints it: one screen.
        List<String> firstPart = run.out().lines()
                .dropWhile(String::isBlank).takeWhile(line -> !line.isBlank()).limit(EXCERPT_LINES).toList();
        String excerpt = "```text\n$ ./connectkit " + first.name() + "\n" + String.join("\n", firstPart) + "\n...\n```";
        if (UPDATE && !numbersAside(block("tour")).equals(numbersAside(excerpt))) {
            write("tour", excerpt); // only when more than the ports changed, so that an update is a real change
            return;
        }
        assertThat(numbersAside(block("tour")))
                .as("README.md's start of the tour (numbers aside) is not what the tour prints; run %s", HOW_TO_UPDATE)
                .isEqualTo(numbersAside(excerpt));
    }

    /** The statement ids an example's output names, in order: {@code S-01, S-07}. */
    static String statementsNamedIn(String output) {
        TreeSet<String> ids = new TreeSet<>();
        Matcher m = STATEMENT_TAG.matcher(output);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return String.join(", ", ids);
    }

    static String numbersAside(String text) {
        return text.replaceAll("\\d+", "N");
    }

    private static void check(String name, String expected) throws IOException {
        if (UPDATE) {
            write(name, expected);
            return;
        }
        assertThat(block(name)).as("README.md's generated part '%s' is stale: run %s", name, HOW_TO_UPDATE)
                .isEqualTo(expected);
    }

    /** Where a generated part sits in the README: the text between its two markers. */
    record Part(String readme, int from, int to) {
        static Part named(String name) throws IOException {
            String readme = Files.readString(README);
            String begin = "<!-- generated: " + name + " -->\n";
            String end = "\n<!-- end: " + name + " -->";
            int from = readme.indexOf(begin);
            int to = readme.indexOf(end);
            assertThat(from).as("README.md has the marker %s", begin.strip()).isNotNegative();
            assertThat(to).as("README.md has the marker %s after %s", end.strip(), begin.strip()).isGreaterThan(from);
            return new Part(readme, from + begin.length(), to);
        }

        String text() {
            return readme.substring(from, to);
        }

        void replaceWith(String text) throws IOException {
            Files.writeString(README, readme.substring(0, from) + text + readme.substring(to));
        }
    }

    static String block(String name) throws IOException {
        return Part.named(name).text();
    }

    private static void write(String name, String text) throws IOException {
        Part.named(name).replaceWith(text);
    }
}
