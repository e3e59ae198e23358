package dev.connectkit.corpus;

import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of the corpus report: English and Chinese say the same things. */
@DisplayName("the corpus report's words")
class CorpusReportTest {
    private static final String BUNDLE = "dev.connectkit.corpus.CorpusReport";

    @Test
    @DisplayName("the English and the Chinese bundle have the same keys, and the counts take the same arguments")
    void sameKeys() {
        ResourceBundle en = ResourceBundle.getBundle(BUNDLE, Language.EN.bundleLocale());
        ResourceBundle zh = ResourceBundle.getBundle(BUNDLE, Language.ZH.bundleLocale());
        assertThat(zh.getLocale().getLanguage()).as("the Chinese bundle was found").isEqualTo("zh");
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        assertThat(new MessageFormat(zh.getString("counts")).getFormats())
                .hasSameSizeAs(new MessageFormat(en.getString("counts")).getFormats());
    }
}
