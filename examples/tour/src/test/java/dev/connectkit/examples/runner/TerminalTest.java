package dev.connectkit.examples.runner;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the terminal's encoding")
class TerminalTest {

    @Test
    @DisplayName("a UTF-8 locale name wins over the ASCII the JVM fell back to; any other choice of the JVM stays")
    void utf8LocaleNames() {
        assertThat(Terminal.charset("US-ASCII", Map.of("LANG", "zh_CN.UTF-8")::get)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Terminal.charset("ANSI_X3.4-1968", Map.of("LC_ALL", "C.utf8")::get)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Terminal.charset("US-ASCII", Map.of("LC_ALL", "C", "LANG", "zh_CN.UTF-8")::get))
                .as("LC_ALL decides first, as setlocale() reads it").isNull();
        assertThat(Terminal.charset("US-ASCII", Map.<String, String>of()::get)).isNull();
        assertThat(Terminal.charset("GBK", Map.of("LANG", "zh_CN.UTF-8")::get)).as("a Windows console's code page").isNull();
        assertThat(Terminal.charset("UTF-8", Map.of("LANG", "zh_CN.UTF-8")::get)).isNull();
    }
}
