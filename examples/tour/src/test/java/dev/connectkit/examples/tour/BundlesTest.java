package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.support.Example;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sentence exists in both languages, and everything a descriptor names exists in the code. */
@DisplayName("the resource bundles and descriptors")
class BundlesTest {
    /** Keys that only the English base file holds: the descriptor's facts, the same in every language. */
    private static final Set<String> LANGUAGE_INDEPENDENT = Set.of("name", "order", "class", "statements", "errnos",
            "regions");

    static Stream<String> bundles() {
        Stream<String> examples = Catalogue.load().tour().stream().map(e -> Descriptor.baseName(e.getClass().getPackageName()));
        return Stream.concat(Stream.of("dev.connectkit.examples.runner.Messages", Explain.BUNDLE), examples);
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getModule().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    @DisplayName("the English and the Chinese file have the same keys (the descriptor's facts only in English)")
    void sameKeys(String baseName) throws IOException {
        String path = baseName.replace('.', '/');
        Set<String> en = new TreeSet<>(load(path + ".properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load(path + "_zh.properties").stringPropertyNames());
        en.removeAll(LANGUAGE_INDEPENDENT);
        assertThat(zh).as("keys of %s_zh", baseName).isEqualTo(en);
        Properties chinese = load(path + "_zh.properties");
        for (String key : zh) {
            assertThat(chinese.getProperty(key)).as("%s_zh: %s", baseName, key).isNotBlank()
                    .doesNotContain("地址簇"); // the standard term is 地址族
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    @DisplayName("each pattern has the same placeholders in both languages")
    void samePlaceholders(String baseName) throws IOException {
        String path = baseName.replace('.', '/');
        Properties en = load(path + ".properties");
        Properties zh = load(path + "_zh.properties");
        for (String key : zh.stringPropertyNames()) {
            assertThat(placeholders(zh.getProperty(key))).as("%s: %s", baseName, key)
                    .isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("%(\\d+\\$)?[sd]").matcher(pattern);
        int position = 0;
        while (m.find()) {
            position++;
            found.add(m.group(1) == null ? position + "$" : m.group(1));
        }
        return found;
    }

    static Stream<Example> examples() {
        return Catalogue.load().tour().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("each option's description, each region and each heading the descriptor names exists")
    void descriptorMatchesTheCode(Example example) throws IOException {
        String path = Descriptor.baseName(example.getClass().getPackageName()).replace('.', '/');
        Properties en = load(path + ".properties");
        Properties shared = load("dev/connectkit/examples/runner/Messages.properties");
        for (Field field : example.getClass().getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                assertThat(en.containsKey(option.descriptionKey()) || shared.containsKey(option.descriptionKey()))
                        .as("%s: a description for %s (%s)", example.name(), option.names()[0], option.descriptionKey())
                        .isTrue();
            }
        }
        assertThat(en).containsKeys("summary", "usage.description");
        String source = Files.readString(sourceOf(example));
        for (String region : Descriptor.of(example.getClass().getPackageName()).regions()) {
            assertThat(source).as("%s: the region %s", example.name(), region)
                    .contains("// tag::" + region + "[]").contains("// end::" + region + "[]");
            assertThat(en).as("%s: a title for the region %s", example.name(), region).containsKey("region." + region);
        }
        Matcher used = Pattern.compile("(?:heading|note|text)\\(\"([\\w.-]+)\"").matcher(source);
        while (used.find()) {
            assertThat(en.containsKey(used.group(1)) || shared.containsKey(used.group(1)))
                    .as("%s: the sentence %s", example.name(), used.group(1)).isTrue();
        }
    }

    static Path sourceOf(Example example) {
        return Path.of("src/main/java", example.getClass().getName().replace('.', '/') + ".java");
    }

    @Test
    @DisplayName("the sentences the shared code uses exist")
    void sharedSentences() throws IOException {
        Properties shared = load("dev/connectkit/examples/runner/Messages.properties");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/connectkit/examples/runner"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher used = Pattern.compile("(?:text\\(\\)|text)\\.get\\(\"([\\w.-]+)\"").matcher(Files.readString(file));
                while (used.find()) {
                    assertThat(shared).as("%s uses %s", file.getFileName(), used.group(1)).containsKey(used.group(1));
                }
            }
        }
    }

    @Test
    @DisplayName("the sentences explain uses exist, its own or shared")
    void explainSentences() throws IOException {
        Properties own = load(Explain.BUNDLE.replace('.', '/') + ".properties");
        Properties shared = load("dev/connectkit/examples/runner/Messages.properties");
        for (String file : List.of("Explain.java", "Explanation.java", "Main.java")) {
            Matcher used = Pattern.compile("text\\.get\\(\"([\\w.-]+)\"[,)]") // a whole key, not "posix." + class
                    .matcher(Files.readString(Path.of("src/main/java/dev/connectkit/examples/tour", file)));
            while (used.find()) {
                assertThat(own.containsKey(used.group(1)) || shared.containsKey(used.group(1)))
                        .as("%s uses %s", file, used.group(1)).isTrue();
            }
        }
    }
}
