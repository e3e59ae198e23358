package dev.connectkit.docs.site;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site in two languages: every page exists in English and in Chinese, with the same sections, and both were
 * built. A page added in one language only fails the build here, naming the missing twin.
 */
@DisplayName("every page has its twin in the other language")
class PageTwinsTest {
    /** An explicit id: {@code [[id]]}, or {@code [#id]} / {@code [#id.role]} on a line of its own. */
    private static final Pattern ANCHOR = Pattern.compile("^(?:\\[\\[([\\w-]+)]]|\\[#([\\w-]+)[^]]*])\\s*$",
            Pattern.MULTILINE);

    @Test
    @DisplayName("each page source in en/ has one of the same name in zh/, and each in zh/ one in en/")
    void sourcesHaveTwins() {
        List<String> en = DocsTree.pages(DocsTree.sources().resolve("en"));
        List<String> zh = DocsTree.pages(DocsTree.sources().resolve("zh"));
        assertThat(en).as("pages in en/").isNotEmpty();
        assertThat(missing(en, zh)).as("English pages without a Chinese twin in zh/ (write zh/NAME.adoc; see"
                + " docs/README.md)").isEmpty();
        assertThat(missing(zh, en)).as("Chinese pages without an English twin in en/").isEmpty();
    }

    @Test
    @DisplayName("twins have the same explicit section ids, so links and the language switch keep their place")
    void twinsHaveTheSameIds() {
        List<String> problems = new ArrayList<>();
        for (String page : DocsTree.pages(DocsTree.sources().resolve("en"))) {
            Path zh = DocsTree.sources().resolve("zh").resolve(page);
            if (!Files.exists(zh)) {
                continue; // sourcesHaveTwins reports it
            }
            Set<String> enIds = anchors(DocsTree.sources().resolve("en").resolve(page));
            Set<String> zhIds = anchors(zh);
            if (!enIds.equals(zhIds)) {
                problems.add(page + ": en has " + enIds + ", zh has " + zhIds);
            }
        }
        assertThat(problems).as("twins whose explicit ids ([[id]], [#id]) differ").isEmpty();
    }

    @Test
    @DisplayName("the build wrote every page in both languages: site/NAME.html and site/zh/NAME.html")
    void bothLanguagesWereBuilt() {
        List<String> absent = new ArrayList<>();
        for (String page : DocsTree.pages(DocsTree.sources().resolve("en"))) {
            String html = page.replaceFirst("\\.adoc$", ".html");
            for (Path built : List.of(DocsTree.site().resolve(html), DocsTree.site().resolve("zh").resolve(html))) {
                if (!Files.isRegularFile(built)) {
                    absent.add(DocsTree.site().relativize(built).toString());
                }
            }
        }
        assertThat(absent).as("pages missing from %s", DocsTree.site()).isEmpty();
    }

    @Test
    @DisplayName("each English man page has its zh_CN twin")
    void manPagesHaveTwins() {
        Path man = DocsTree.sources().resolve("man");
        List<String> english = DocsTree.files(man, ".adoc").stream().map(Path::toString)
                .filter(p -> !p.startsWith("zh_CN")).toList();
        List<String> chinese = DocsTree.files(man.resolve("zh_CN"), ".adoc").stream().map(Path::toString).toList();
        assertThat(english).as("English man page sources").isNotEmpty();
        assertThat(chinese).as("zh_CN man page sources, against the English ones")
                .containsExactlyInAnyOrderElementsOf(english);
    }

    private static List<String> missing(List<String> these, List<String> in) {
        return these.stream().filter(page -> !in.contains(page)).toList();
    }

    static Set<String> anchors(Path source) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ANCHOR.matcher(DocsTree.read(source));
        while (m.find()) {
            ids.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return ids;
    }
}
