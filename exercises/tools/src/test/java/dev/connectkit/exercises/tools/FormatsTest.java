package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.cli.Terminal;
import dev.connectkit.exercises.tools.exercise.ExerciseSpec;
import dev.connectkit.exercises.tools.exercise.Hints;
import dev.connectkit.exercises.tools.grade.Grades;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small formats the tools read and write: exercise.properties, README hints, points, terminal text. */
@DisplayName("formats")
class FormatsTest {

    @Nested
    @DisplayName("points")
    class Points {
        @Test
        @DisplayName("a task's share is rounded once, to hundredths; totals are exact sums")
        void exact() {
            BigDecimal share = Grades.share(BigDecimal.TEN, 2, 3);
            assertThat(Grades.format(share)).isEqualTo("6.67");
            // 35 such shares: doubles give 233.45000000000005; the grade gives what a person adds up.
            BigDecimal total = Grades.sum(Collections.nCopies(35, share));
            assertThat(Grades.format(total)).isEqualTo("233.45");
            assertThat(35 * (10 * 2 / 3.0)).as("what doubles would have printed").isNotEqualTo(233.45);
        }

        @Test
        @DisplayName("whole points print without decimals, halves with one")
        void printing() {
            assertThat(Grades.format(Grades.share(BigDecimal.TEN, 3, 3))).isEqualTo("10");
            assertThat(Grades.format(Grades.share(BigDecimal.TEN, 1, 2))).isEqualTo("5");
            assertThat(Grades.format(Grades.share(new BigDecimal("7"), 1, 2))).isEqualTo("3.5");
            assertThat(Grades.format(Grades.share(BigDecimal.TEN, 0, 3))).isEqualTo("0");
            assertThat(Grades.format(new BigDecimal("1E+2"))).isEqualTo("100");
            assertThat(Grades.share(BigDecimal.TEN, 0, 0)).isZero();
        }
    }

    @Nested
    @DisplayName("exercise.properties")
    class Properties {
        @TempDir
        Path dir;

        private ExerciseSpec read(String text) throws IOException {
            Files.writeString(dir.resolve(ExerciseSpec.FILE), text);
            return ExerciseSpec.read(dir);
        }

        @Test
        @DisplayName("tasks, points, environmental skips, a Chinese title")
        void complete() throws IOException {
            ExerciseSpec spec = read("title=T\ntitle.zh=标题\nstatements=S-01\nlevel=x\ntasks=3\npoints=10 5.5 2\n"
                    + "environmental=kernel\n");
            assertThat(spec.tasks()).isEqualTo(3);
            assertThat(spec.pointsOf(2)).isEqualByComparingTo("5.5");
            assertThat(spec.maxPoints()).isEqualByComparingTo("17.5");
            assertThat(spec.environmental()).containsExactly("kernel");
            assertThat(spec.title(dev.connectkit.i18n.Language.ZH)).isEqualTo("标题");
        }

        @Test
        @DisplayName("points default to 10 per task")
        void defaults() throws IOException {
            assertThat(read("title=T\ntasks=2\n").maxPoints()).isEqualByComparingTo("20");
        }

        @Test
        @DisplayName("mistakes are refused with the file and what is wrong")
        void mistakes() {
            for (String bad : List.of("title=T\n", "title=T\ntasks=0\n", "title=T\ntasks=x\n",
                    "title=T\ntasks=2\npoints=10\n", "title=T\ntasks=1\npoints=-1\n", "title=T\ntasks=1\npoints=1.234\n",
                    "title=T\ntasks=1\nenvironmental=network\n", "title=T\ntasks=1\ntaks=2\n", "tasks=1\n")) {
                assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(IOException.class)
                        .hasMessageContaining(ExerciseSpec.FILE);
            }
        }
    }

    @Nested
    @DisplayName("README hints")
    class ReadmeHints {
        @Test
        @DisplayName("the numbered list under ## Hints, continuation lines joined")
        void english() {
            Map<Integer, String> hints = Hints.parse("# E\n\n## What\n1. not a hint\n\n## Hints\n\n1. first\n   more\n"
                    + "2. second\n\n## Design note\n3. not a hint\n");
            assertThat(hints).containsExactly(Map.entry(1, "first more"), Map.entry(2, "second"));
        }

        @Test
        @DisplayName("the numbered list under ## 提示")
        void chinese() {
            assertThat(Hints.parse("## 提示\n\n1. 第一条\n2. 第二条，\n   接着写。\n")).containsEntry(2, "第二条，接着写。").hasSize(2);
        }
    }

    @Nested
    @DisplayName("terminal text")
    class TerminalText {
        @Test
        @DisplayName("control characters, bidirectional overrides and line breaks are escaped; long text is cut")
        void printable() {
            assertThat(Terminal.printable("a\u001b[31mb\u0007\n\u202Ec")).isEqualTo("a\\u001B[31mb\\u0007\\u000A\\u202Ec");
            assertThat(Terminal.printable("x".repeat(500))).hasSize(81).endsWith("…");
            assertThat(Terminal.quote("中文")).isEqualTo("'中文'");
        }
    }
}
