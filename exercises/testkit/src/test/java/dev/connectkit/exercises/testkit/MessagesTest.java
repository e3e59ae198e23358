package dev.connectkit.exercises.testkit;

import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The testkit's own bundle: what every exercise's tests say alike, in both languages. */
@DisplayName("the testkit's messages")
@Timeout(20)
class MessagesTest {
    private static final Pattern TEXT = Pattern.compile("\\.text\\(\\s*\"([\\w.\\-]+)\"");

    @Test
    @DisplayName("English and Chinese have the same keys and placeholders, Chinese in messages_zh.properties")
    void bothLanguages() throws IOException {
        assertThat(Messages.testkit().bundle(Language.ZH).getLocale().getLanguage()).isEqualTo("zh");
        assertThat(Messages.fileName(Language.ZH)).isEqualTo("messages_zh.properties");
        KitConsistency.assertSameKeysAndPlaceholders(Messages.testkit());
    }

    @Test
    @DisplayName("has a name for each test of the consistency check, the messages the testkit says, and no other")
    void everyKeyIsUsed() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Method m : KitConsistency.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                used.add("name.KitConsistency." + m.getName());
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TEXT.matcher(Files.readString(source));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("kernel.unavailable", "calls.missing").hasSizeGreaterThan(4);
        assertThat(new TreeSet<>(Messages.testkit().file(Language.EN).stringPropertyNames())).isEqualTo(used);
    }

    @Test
    @DisplayName("a key that neither the exercise's bundle nor the testkit's has is an error, not a blank")
    void missingKey() {
        assertThatThrownBy(() -> Messages.testkit().text("no.such.key")).isInstanceOf(MissingResourceException.class);
        assertThat(Messages.testkit().text("kernel.unavailable", "REASON")).contains("REASON");
    }
}
