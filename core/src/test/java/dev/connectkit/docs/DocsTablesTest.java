package dev.connectkit.docs;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the words of the generated tables, in both languages")
class DocsTablesTest {

    @Test
    @DisplayName("the English and the Chinese headings have the same keys")
    void headingsHaveTheSameKeys() throws Exception {
        assertThat(DocsText.of(Language.ZH).headings().getLocale())
                .as("the Chinese bundle is found, not the English fallback").isEqualTo(Locale.CHINESE);
        // Each file's own keys: a bundle's getKeys() includes its parent's, which would hide a missing translation.
        assertThat(ownKeys("DocsTables_zh.properties")).as("keys of DocsTables_zh.properties against DocsTables.properties")
                .containsExactlyInAnyOrderElementsOf(ownKeys("DocsTables.properties"));
    }

    private static Set<String> ownKeys(String resource) throws Exception {
        try (InputStream in = DocsTablesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.stringPropertyNames();
        }
    }

    @Test
    @DisplayName("every statement has its Chinese text here, every errno in ConnectErrors, and no text is left over")
    void everyRowHasItsChinese() {
        assertThat(DocsText.chineseTexts().stringPropertyNames())
                .as("keys of %s: one per statement id", DocsText.CHINESE_TEXTS)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Statement.values()).map(Statement::id).toList());
        for (Errno errno : Errno.values()) {
            assertThat(DocsText.of(Language.ZH).whenConnect(errno)).as(errno.name()).containsPattern("\\p{IsHan}");
        }
    }

    @Test
    @DisplayName("the Chinese texts use the standard terms: 地址族, never 地址簇")
    void standardTerms() {
        assertThat(DocsText.chineseTexts().values()).allSatisfy(text -> assertThat((String) text)
                .doesNotContain("地址簇"));
    }
}
