package dev.connectkit.javamap;

import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Errno;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("what a Java program sees of each errno, in both languages")
class JavaSideTest {

    @Test
    @DisplayName("the Chinese file has a sentence per errno with a row of its own, and one for the rest (default)")
    void everyRowHasItsChinese() throws Exception {
        Properties zh = new Properties();
        try (InputStream in = JavaErrors.class.getModule().getResourceAsStream("dev/connectkit/javamap/JavaErrors_zh.properties")) {
            assertThat(in).isNotNull();
            zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(Stream.concat(
                JavaErrors.TRANSLATIONS.stream().filter(t -> !t.javaSide().equals(JavaErrors.DEFAULT_JAVA_SIDE))
                        .map(t -> t.errno().name()), Stream.of("default")).toList());
    }

    @Test
    @DisplayName("every errno reads in each language: the table's English, a Chinese sentence")
    void everyErrnoReads() {
        for (Errno errno : Errno.values()) {
            assertThat(JavaErrors.javaSide(errno, Language.EN)).isEqualTo(JavaErrors.of(errno).javaSide());
            assertThat(JavaErrors.javaSide(errno, Language.ZH)).as(errno.name()).containsPattern("\\p{IsHan}");
        }
        assertThat(JavaErrors.javaSide(Errno.ENOMEM, Language.ZH)).startsWith("Net.c 的默认做法");
    }
}
