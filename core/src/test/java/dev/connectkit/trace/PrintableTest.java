package dev.connectkit.trace;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("text made safe for one terminal line")
class PrintableTest {

    @Test
    @DisplayName("control characters, separators and bidi overrides are escaped; Chinese and emoji are kept")
    void escapes() {
        assertThat(Printable.line("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(Printable.line("\u001b[2J\u0007\u007f\u0085")).isEqualTo("\\u001b[2J\\u0007\\u007f\\u0085");
        assertThat(Printable.line("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
        assertThat(Printable.line("\u202eevil\u2066")).isEqualTo("\\u202eevil\\u2066");
        assertThat(Printable.line("lone \ud800 half")).isEqualTo("lone \\ud800 half");
        assertThat(Printable.line("套接字 👩‍💻 ١")).isEqualTo("套接字 👩‍💻 ١");
        assertThat(Printable.line(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("the result never holds a character below U+0020 or a line break")
    void oneLine() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        String line = Printable.line(every.toString());
        assertThat(line.chars().filter(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0)).isEmpty();
        assertThat(line.lines()).hasSize(1);
    }
}
