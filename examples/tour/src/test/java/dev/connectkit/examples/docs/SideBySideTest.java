package dev.connectkit.examples.docs;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the side-by-side alignment")
class SideBySideTest {

    @Test
    @DisplayName("splits both programs at the same steps; comments and braces go with the step that follows")
    void aligns() {
        List<SideBySide.Anchor> steps = List.of(SideBySide.Anchor.of("connect\\(", "\\.connect\\("),
                SideBySide.Anchor.of("close\\(", "\\.close\\("));
        List<SideBySide.Row> rows = SideBySide.align(
                List.of("int fd;", "// connect", "connect(fd);", "close(fd);"),
                List.of("int fd = 3;", "try {", "s.connect(fd);", "} finally {", "s.close(fd);", "}"), steps);
        assertThat(SideBySide.dedent(List.of("", "    if (x) {", "        y();", "    }", ""))).containsExactly(
                "if (x) {", "    y();", "}");
        assertThat(rows).containsExactly(
                new SideBySide.Row(List.of("int fd;"), List.of("int fd = 3;")),
                new SideBySide.Row(List.of("// connect", "connect(fd);"), List.of("try {", "s.connect(fd);")),
                new SideBySide.Row(List.of("close(fd);"), List.of("} finally {", "s.close(fd);", "}")));
        List<SideBySide.Row> braces = SideBySide.align(List.of("if (connect(fd) < 0) {", "    exit(1);", "}", "close(fd);"),
                List.of("s.connect(fd);", "s.close(fd);"), steps);
        assertThat(braces.get(1).c()).as("a closing brace stays with its step").endsWith("}");
    }

    @Test
    @DisplayName("refuses programs whose steps differ, naming the missing step")
    void refusesAMissingStep() {
        List<SideBySide.Anchor> steps = List.of(SideBySide.Anchor.of("connect\\(", "\\.connect\\("),
                SideBySide.Anchor.of("send\\(", "\\.send\\("));
        assertThatThrownBy(() -> SideBySide.align(List.of("connect(fd);", "send(fd);"), List.of("s.connect(fd);"), steps))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Java").hasMessageContaining("send");
    }
}
