package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.grade.Grader;
import dev.connectkit.exercises.tools.grade.Grades;
import dev.connectkit.exercises.tools.run.Toolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring rules, on a fixture exercise whose tests the rules are about: a task's points shared among its
 * tests, exactly; a skip counts nothing unless the template declares it environmental and the grading machine
 * itself lacks the kernel (so a test JVM that only claims to lack it, as an edited core would, gains nothing).
 */
@DisplayName("scoring")
@Timeout(120)
class ScoringTest {
    @TempDir
    static Path dir;
    static Path template;

    /** One grader per grading machine (with or without the kernel), so the template's tests are listed once. */
    static final java.util.Map<Optional<String>, Grader> GRADERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The fixture's test JVM is told the native backend is unavailable: every kernel test skips. */
    static final List<String> NO_KERNEL_IN_THE_TEST_JVM = List.of("-Dconnectkit.native=unavailable");

    @BeforeAll
    static void fixture() throws IOException {
        template = dir.resolve("template");
        Path e = template.resolve("exercises/99-fixture");
        write(e.resolve("exercise.properties"), "title=fixture\ntasks=3\npoints=10 10 10\nenvironmental=kernel\n");
        write(e.resolve("README.md"), "# Fixture\n\n## Hints\n\n1. one\n2. two\n3. three\n");
        write(e.resolve("src/main/java/fixture/Answer.java"), """
                package fixture;
                public final class Answer {
                    public static int answer() { throw new UnsupportedOperationException("not implemented yet"); }
                }
                """);
        write(e.resolve("src/test/java/fixture/AnswerTest.java"), """
                package fixture;
                import dev.connectkit.posix.Sockets;
                import org.junit.jupiter.api.*;
                import static org.junit.jupiter.api.Assertions.*;
                import static org.junit.jupiter.api.Assumptions.*;
                @Timeout(10)
                @TestClassOrder(ClassOrderer.ClassName.class)
                class AnswerTest {
                    @Nested @Tag("task:1") @DisplayName("Task 1")
                    class Task1 {
                        @Test void positive() { assertTrue(Answer.answer() > 0, "positive"); }
                        @Test void even() { assertEquals(0, Answer.answer() % 2, "even"); }
                        @Test void fortyTwo() { assertEquals(42, Answer.answer(), "the answer"); }
                    }
                    @Nested @Tag("task:2") @DisplayName("Task 2")
                    class Task2 {
                        @Test @Tag("kernel") void onTheKernel() {
                            assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), "the native backend is unavailable");
                            assertEquals(42, Answer.answer());
                        }
                    }
                    @Nested @Tag("task:3") @DisplayName("Task 3")
                    class Task3 {
                        @Test void skippedForAnotherReason() { assumeTrue(Answer.answer() == 0, "not a kernel test"); }
                    }
                }
                """);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static Grades.ExerciseGrade grade(int answer, Optional<String> kernelUnavailable) throws Exception {
        Path s = dir.resolve("answer-" + answer + "-" + kernelUnavailable.isPresent());
        write(s.resolve("exercises/99-fixture/src/main/java/fixture/Answer.java"),
                "package fixture;\npublic final class Answer {\n    public static int answer() { return " + answer + "; }\n}\n");
        Grader grader = GRADERS.computeIfAbsent(kernelUnavailable, k -> {
            try {
                return new Grader(Toolchain.current(), template, Duration.ofSeconds(60), Locale.ROOT, k,
                        NO_KERNEL_IN_THE_TEST_JVM);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return grader.grade(s, List.of()).exercises().getFirst();
    }

    @Test
    @DisplayName("a task's points are shared among its tests: 1 of 3 is 3.33, 2 of 3 is 6.67, exactly")
    void shares() throws Exception {
        Grades.ExerciseGrade one = grade(41, Optional.empty());
        assertThat(one.tasks().getFirst().points()).isEqualByComparingTo("3.33");
        Grades.ExerciseGrade two = grade(2, Optional.empty());
        assertThat(two.tasks().getFirst().points()).isEqualByComparingTo("6.67");
        assertThat(Grades.format(two.points())).isEqualTo("6.67");
    }

    @Test
    @DisplayName("a kernel test skipped while the grading machine has the kernel scores 0 (an edited core gains nothing)")
    void skipOnAMachineWithTheKernel() throws Exception {
        Grades.ExerciseGrade g = grade(42, Optional.empty());
        assertThat(g.tasks().get(0).points()).isEqualByComparingTo("10");
        assertThat(g.tasks().get(1).points()).as("task 2, its kernel test skipped").isEqualByComparingTo("0");
        assertThat(g.tasks().get(1).tests().getFirst().status()).isEqualTo(Grades.TestStatus.SKIPPED);
        assertThat(g.points()).isEqualByComparingTo("10");
        assertThat(g.reason()).contains("task 2", "skipped");
    }

    @Test
    @DisplayName("the same skip on a grading machine without the kernel is the machine's: it counts")
    void skipOnAMachineWithoutTheKernel() throws Exception {
        Grades.ExerciseGrade g = grade(42, Optional.of("not Linux"));
        assertThat(g.tasks().get(1).points()).isEqualByComparingTo("10");
        assertThat(g.tasks().get(1).tests().getFirst().message()).contains("not Linux");
    }

    @Test
    @DisplayName("a skip the template does not declare environmental never counts")
    void otherSkips() throws Exception {
        Grades.ExerciseGrade g = grade(42, Optional.of("not Linux"));
        assertThat(g.tasks().get(2).points()).isEqualByComparingTo("0");
        assertThat(g.tasks().get(2).tests().getFirst().credited()).isFalse();
        assertThat(g.points()).isEqualByComparingTo("20");
        assertThat(g.max()).isEqualByComparingTo("30");
    }
}
