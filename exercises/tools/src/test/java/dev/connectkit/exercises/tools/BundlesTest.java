package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both languages of every bundle the tools print from: the same keys (read from the files themselves, since a
 * Chinese bundle's keySet() would include what the English parent lends it), no empty text, the same
 * placeholders; and every message the code uses has its key.
 */
@DisplayName("the tools' bundles, in English and Chinese")
class BundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+\\$)?-?\\d*[sd%n]");

    static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/dev/connectkit/exercises/tools/i18n/Messages", "/dev/connectkit/exercises/tools/cli/Help"})
    @DisplayName("both languages have the same keys, non-empty, with the same placeholders")
    void sameKeys(String base) throws IOException {
        Properties en = load(base + ".properties");
        Properties zh = load(base + "_zh.properties");
        assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as("English %s", key).isNotBlank();
            assertThat(zh.getProperty(key)).as("Chinese %s", key).isNotBlank();
            assertThat(placeholders(zh.getProperty(key))).as("placeholders of %s", key)
                    .isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh"})
    @DisplayName("every message the code prints has its key, and nothing else is in the bundle")
    void everyMessageHasItsKey(String tag) throws IOException {
        Properties bundle = load("/dev/connectkit/exercises/tools/i18n/Messages" + (tag.equals("en") ? "" : "_zh")
                + ".properties");
        Set<String> keys = Arrays.stream(Msg.values()).map(Msg::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(bundle.stringPropertyNames())).isEqualTo(keys);
        Language language = Language.fromTag(tag).orElseThrow();
        for (Msg m : Msg.values()) {
            assertThat(m.in(language, sampleArguments(bundle.getProperty(m.key())).toArray())).as(m.key()).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the Chinese uses the standard terms")
    void standardTerms() throws IOException {
        Properties zh = load("/dev/connectkit/exercises/tools/i18n/Messages_zh.properties");
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key)).as(key).doesNotContain("地址簇", "插座", "描述符号");
        }
    }

    private static List<String> placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found.stream().sorted().toList();
    }

    private static List<Object> sampleArguments(String pattern) {
        List<Object> args = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        int position = 0;
        while (m.find()) {
            String p = m.group();
            if (p.endsWith("%") || p.endsWith("n")) {
                continue;
            }
            int index = m.group(1) == null ? position++ : Integer.parseInt(m.group(1).replace("$", "")) - 1;
            while (args.size() <= index) {
                args.add(null);
            }
            args.set(index, p.endsWith("d") ? (Object) 1 : "x");
        }
        return args;
    }
}
