package dev.connectkit.i18n;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the language of the kit's messages")
class LanguageTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"en, EN", "zh, ZH", "zh_CN, ZH", "zh-CN, ZH", "zh_CN.UTF-8, ZH", "zh_TW.UTF-8, ZH",
            "en_US.UTF-8, EN", "C, EN", "POSIX, EN", "C.UTF-8, EN", "ZH, ZH"})
    void tags(String tag, Language expected) {
        assertThat(Language.fromTag(tag)).contains(expected);
    }

    @Test
    @DisplayName("an unknown tag names no language")
    void unknown() {
        assertThat(Language.fromTag("fr_FR.UTF-8")).isEmpty();
        assertThat(Language.fromTag("")).isEmpty();
        assertThat(Language.fromTag(null)).isEmpty();
    }

    @Test
    @DisplayName("--lang wins over the environment; LC_ALL over LC_MESSAGES over LANG, as setlocale() reads them")
    void precedence() {
        assertThat(Language.resolve("en", Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Language.EN);
        assertThat(Language.resolve(null, Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Language.ZH);
        assertThat(Language.resolve(null, Map.of("LC_ALL", "C", "LANG", "zh_CN.UTF-8"))).isEqualTo(Language.EN);
        assertThat(Language.resolve(null, Map.of("LC_MESSAGES", "zh_CN.UTF-8", "LANG", "en_US.UTF-8")))
                .isEqualTo(Language.ZH);
        assertThat(Language.resolve(null, Map.of("LC_ALL", "", "LANG", "zh_CN.UTF-8"))).isEqualTo(Language.ZH);
        assertThat(Language.resolve(null, Map.of())).isEqualTo(Language.EN);
        assertThat(Language.resolve("fr", Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Language.EN);
    }
}
