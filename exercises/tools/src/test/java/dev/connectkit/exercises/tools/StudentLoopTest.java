package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.cli.Main;
import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.loop.Progress;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.Watch;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The student's loop on a handout unpacked in an empty folder: what {@code progress} and {@code test NN} print
 * for a pass, a failure, a compile error and an exit, and {@code hint}, {@code reset} and {@code --watch}.
 */
@DisplayName("the student's loop")
@Timeout(300)
class StudentLoopTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void english() {
        System.setProperty(Language.PROPERTY, "en");
    }

    @AfterAll
    static void forget() {
        System.clearProperty(Language.PROPERTY);
    }

    /** A copy of the handout of its own, for a test that changes it. */
    static Path fresh(String name) throws IOException {
        return Kits.copy(OnAHandout.kit, dir, name);
    }

    record Result(int status, String out, String err) {
    }

    static Result connectkit(Path kit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(kit, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty(Language.PROPERTY, "en");
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path source(Path kit, String exercise, String file) throws IOException {
        try (var walk = Files.walk(kit.resolve("exercises").resolve(exercise).resolve("src/main/java"))) {
            return walk.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
        }
    }

    @Nested
    @DisplayName("on a handout")
    class OnAHandout {
        static Path kit;

        @BeforeAll
        static void handout() throws Exception {
            kit = Kits.handout(dir, "student");
        }

        @Test
        @DisplayName("progress survives a compile error and a System.exit: each exercise says its own state")
        void progressSurvives() throws Exception {
            Path kit = fresh("progress");
            Kits.solve(kit, "01-tcp-client");
            Kits.edit(source(kit, "02-ephemeral-port", "LocalPort.java"), "throw new UnsupportedOperationException(",
                    "int missingSemicolon = 1\n        throw new UnsupportedOperationException(");
            Kits.edit(source(kit, "03-udp-peer", "PeerSocket.java"), "throw new UnsupportedOperationException(",
                    "System.exit(1);\n        throw new UnsupportedOperationException(");
            Files.setLastModifiedTime(source(kit, "02-ephemeral-port", "LocalPort.java"), FileTime.from(Instant.now().minusSeconds(60)));
            Files.setLastModifiedTime(source(kit, "03-udp-peer", "PeerSocket.java"), FileTime.from(Instant.now().plusSeconds(60)));
            Result r = connectkit(kit, "progress");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 of 8 pass")
                    .containsPattern("✓ 01 tcp-client +3/3 tasks")
                    .containsPattern("✗ 02 ephemeral-port +does not compile")
                    .containsPattern("✗ 03 udp-peer +refused")
                    .containsPattern("✗ 04 connect-timeout +0/3 tasks")
                    .containsPattern("✗ 08 happy-eyeballs +0/3 tasks");
            assertThat(r.out()).as("the one edited last is the one to work on")
                    .contains("Next: 03 udp-peer (you edited it last)")
                    .contains("PeerSocket.java:", "calls System.exit", "Throw an exception instead");
            assertThat(r.out()).doesNotContain("\tat ", "[Help 1]", "[ERROR]", "org.junit");
        }

        @Test
        @DisplayName("test NN: a compile error shows javac's message with the file and line")
        void compileError() throws Exception {
            Path kit = fresh("compile-error");
            Path file = source(kit, "05-state-machine", "ConnectLoop.java");
            Kits.edit(file, "throw new UnsupportedOperationException(", "undefinedCall();\n        throw new UnsupportedOperationException(");
            Result r = connectkit(kit, "test", "05");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).contains("✗ 05 state-machine does not compile")
                    .containsPattern("exercises/05-state-machine/src/main/java/.*/ConnectLoop\\.java:\\d+: error: cannot find symbol")
                    .contains("undefinedCall();");
        }

        @Test
        @DisplayName("test NN: a pass is one line, with what comes next")
        void pass() throws Exception {
            Path kit = fresh("pass");
            Kits.solve(kit, "04-connect-timeout");
            Result r = connectkit(kit, "test", "04");
            assertThat(r.status()).isZero();
            assertThat(r.out().lines().toList()).singleElement().asString()
                    .startsWith("✓ 04 connect-timeout: all 3 tasks pass. Next: ./connectkit test 05 (");
        }

        @Test
        @DisplayName("test NN: a failure names, per failing task, the test, the message, the student's line and that task's hint")
        void failure() throws Exception {
            Result r = connectkit(kit, "test", "06");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).contains("✗ 06 eintr: 0 of 3 tasks pass", "Task 1", "Task 2", "Task 3")
                    .containsPattern("where: +exercises/06-eintr/src/main/java/dev/connectkit/exercises/eintr/PatientConnect\\.java:\\d+")
                    .contains("not implemented yet");
            Exercise e = Exercise.load(kit.resolve("exercises/06-eintr"));
            for (var hint : e.hints(Language.EN).entrySet()) {
                assertThat(r.out()).as("hint %d", hint.getKey()).contains("hint:  " + hint.getValue());
            }
            assertThat(r.out()).doesNotContain("\tat ", "org.junit", "[ERROR]");
        }

        @Test
        @DisplayName("on a machine without the real kernel, a kernel test's skip and its reason are shown, not a failure")
        void kernelSkipShown() throws Exception {
            Path kit = fresh("no-kernel");
            Kits.solve(kit, "01-tcp-client");
            System.setProperty("connectkit.native", "unavailable");
            try {
                Result r = connectkit(kit, "test", "01");
                assertThat(r.status()).as(r.out()).isZero();
                assertThat(r.out()).startsWith("✓ 01 tcp-client: all 3 tasks pass.")
                        .contains("skipped on this machine", "-Dconnectkit.native=unavailable");
            } finally {
                System.clearProperty("connectkit.native");
            }
        }

        @Test
        @DisplayName("reset NN puts the stub back and keeps the student's version")
        void reset() throws Exception {
            Path kit = fresh("reset");
            Path file = source(kit, "07-selector-fanout", "FanOut.java");
            String stub = Files.readString(file);
            Files.writeString(file, stub.replace("throw new UnsupportedOperationException(", "// my attempt\n        throw new UnsupportedOperationException("));
            Result r = connectkit(kit, "reset", "07");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(file).hasContent(stub);
            assertThat(r.out()).contains("07 selector-fanout is back to its stub").contains(".connectkit/backups/07-selector-fanout-");
            try (var walk = Files.walk(kit.resolve(".connectkit/backups"))) {
                assertThat(walk.filter(p -> p.getFileName().toString().equals("FanOut.java")).toList()).singleElement()
                        .satisfies(p -> assertThat(Files.readString(p)).contains("// my attempt"));
            }
            assertThat(connectkit(kit, "reset", "07").out()).contains("nothing to reset");
        }
    }

    @Nested
    @DisplayName("on an exercise with two tasks, the first solved")
    class TwoTasks {
        /** A kit with one exercise of two tasks, the first solved. */
        static Path fixture(String name) throws IOException {
            Path kit = dir.resolve(name);
            Path e = kit.resolve("exercises/01-two-tasks");
            ScoringTest.write(e.resolve("exercise.properties"), "title=Two tasks\ntasks=2\n");
            ScoringTest.write(e.resolve("README.md"), "# Two\n\n## Hints\n\n1. The first hint.\n2. The second hint,\n   on two lines.\n");
            ScoringTest.write(e.resolve("src/test/java/two/TwoTest.java"), """
                    package two;
                    import org.junit.jupiter.api.*;
                    import static org.assertj.core.api.Assertions.assertThat;
                    @Timeout(10)
                    @TestClassOrder(ClassOrderer.ClassName.class)
                    class TwoTest {
                        @Nested @Tag("task:1") @DisplayName("Task 1: one")
                        class Task1 {
                            @Test @DisplayName("one is 1") void one() { assertThat(Two.one()).as("one()").isEqualTo(1); }
                        }
                        @Nested @Tag("task:2") @DisplayName("Task 2: two")
                        class Task2 {
                            @Test @DisplayName("two is 2") void two() { assertThat(Two.two()).as("two() must be 2").isEqualTo(2); }
                        }
                    }
                    """);
            ScoringTest.write(e.resolve("src/main/java/two/Two.java"), """
                    package two;
                    public final class Two {
                        public static int one() { return 1; }
                        public static int two() {
                            return 3;
                        }
                    }
                    """);
            return kit;
        }

        @Test
        @DisplayName("progress and test show the failing task's own hint, not the first one; hint NN does too")
        void hintOfTheFailingTask() throws IOException {
            Path kit = fixture("two-tasks-hint");
            Result progress = connectkit(kit, "progress");
            assertThat(progress.out()).contains("Task 2: two", "two is 2", "[two() must be 2]", "expected: 2",
                    "but was: 3", "checked at exercises/01-two-tasks/src/test/java/two/TwoTest.java:",
                    "hint:  The second hint, on two lines.").doesNotContain("The first hint");
            Result hint = connectkit(kit, "hint", "01");
            assertThat(hint.out()).contains("Task 2: The second hint, on two lines.").doesNotContain("The first hint");
            assertThat(connectkit(kit, "hint", "01", "--all").out()).contains("The first hint", "The second hint");
        }

        @Test
        @DisplayName("progress --watch answers a save with the new result")
        void watch() throws Exception {
            Path kit = fixture("two-tasks-watch");
            BlockingQueue<Optional<Exercise>> results = new LinkedBlockingQueue<>();
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            try (StudentLoop loop = new StudentLoop(kit, Toolchain.current(), Language.EN)) {
                Watch watch = new Watch(loop, new Progress(loop, Language.EN, quiet), quiet,
                        e -> results.add(Optional.ofNullable(e)));
                Thread watcher = Thread.ofPlatform().start(() -> {
                    try {
                        watch.run(false);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try {
                    assertThat(results.poll(120, TimeUnit.SECONDS)).as("the first progress").isEqualTo(Optional.empty());
                    Path file = kit.resolve("exercises/01-two-tasks/src/main/java/two/Two.java");
                    Files.writeString(file, Files.readString(file).replace("return 3;", "return 2;"));
                    Optional<Exercise> changed = results.poll(120, TimeUnit.SECONDS);
                    assertThat(changed).as("a result after the save").isNotNull().isPresent();
                    assertThat(changed.orElseThrow().name()).isEqualTo("01-two-tasks");
                    assertThat(StudentLoop.lastResult(changed.get())).hasValueSatisfying(run ->
                            assertThat(run).isInstanceOf(dev.connectkit.exercises.tools.run.RunResult.Ran.class));
                    assertThat(connectkit(kit, "test", "01").out()).startsWith("✓ 01 two-tasks: all 2 tasks pass.");
                } finally {
                    watcher.interrupt();
                    watcher.join(30_000);
                }
            }
        }
    }

    @AfterAll
    static void noTestJvmLeftBehind() {
        assertThat(ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains("TestWorker")))
                .as("test JVMs still running").isEmpty();
    }
}
