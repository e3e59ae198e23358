package dev.connectkit.docs.site;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the docs' sources must get right before Asciidoctor sees them. */
@DisplayName("the docs' sources")
class DocsSourcesTest {
    /** A Chinese character or full-width punctuation: a line break between two of them renders as a stray space. */
    private static final Pattern CJK = Pattern.compile("[\\u2014\\u2018-\\u201d\\u2026\\u3000-\\u303f\\u4e00-\\u9fff"
            + "\\uff00-\\uffef]");
    /** A test named in the docs as the evidence for a claim: {@code `SomethingTest`}. */
    private static final Pattern NAMED_TEST = Pattern.compile("`([A-Z][A-Za-z]+Test)`");

    @Test
    @DisplayName("every test the docs name as evidence exists in core's test tree")
    void namedTestsExist() {
        Path tests = DocsTree.root().resolve("core/src/test/java");
        TreeSet<String> existing = new TreeSet<>();
        for (Path file : DocsTree.files(tests, "Test.java")) {
            existing.add(file.getFileName().toString().replaceFirst("\\.java$", ""));
        }
        TreeSet<String> named = new TreeSet<>();
        for (Path source : DocsTree.files(DocsTree.sources(), ".adoc")) {
            Matcher m = NAMED_TEST.matcher(DocsTree.read(DocsTree.sources().resolve(source)));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).as("tests the docs name").isNotEmpty();
        assertThat(named).as("tests named in the docs but absent from core/src/test/java").isSubsetOf(existing);
    }

    @Test
    @DisplayName("Chinese text never breaks a line between two Chinese characters (it would show as a space)")
    void noLineBreakInsideChineseText() {
        List<String> breaks = new ArrayList<>();
        for (Path source : DocsTree.files(DocsTree.sources(), ".adoc")) {
            List<String> lines = DocsTree.read(DocsTree.sources().resolve(source)).lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                String previous = lines.get(i - 1).stripTrailing();
                String line = lines.get(i);
                if (!previous.isEmpty() && !line.isEmpty() && !previous.startsWith("//") && !previous.startsWith(":")
                        && CJK.matcher(previous.substring(previous.length() - 1)).matches()
                        && CJK.matcher(line.substring(0, 1)).matches()) {
                    breaks.add(source + ":" + i);
                }
            }
        }
        assertThat(breaks).as("line breaks between Chinese characters (join the lines)").isEmpty();
    }

    @Test
    @DisplayName("地址簇 appears only where the docs quote the seed; the kit writes 地址族")
    void standardTermForAddressFamily() {
        List<String> misuses = new ArrayList<>();
        for (Path source : DocsTree.files(DocsTree.sources(), ".adoc")) {
            List<String> lines = DocsTree.read(DocsTree.sources().resolve(source)).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains("地址簇") && !line.contains("源手册页") && !line.contains("seed")) {
                    misuses.add(source + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertThat(misuses).as("lines that use 地址簇 without saying it is the seed's word").isEmpty();
    }

    @Test
    @DisplayName("the seed stays outside the docs' sources: pages include it from core, never copy it")
    void seedIsIncludedNotCopied() throws Exception {
        String seed = Files.readString(DocsTree.root().resolve(
                "core/src/main/resources/dev/connectkit/manpage/connect.zh.md"));
        String distinctive = seed.lines().filter(l -> l.startsWith("如果 `sockfd` 尚未绑定")).findFirst().orElseThrow();
        for (Path source : DocsTree.files(DocsTree.sources(), ".adoc")) {
            assertThat(DocsTree.read(DocsTree.sources().resolve(source))).as("%s", source)
                    .doesNotContain(distinctive);
        }
    }
}
