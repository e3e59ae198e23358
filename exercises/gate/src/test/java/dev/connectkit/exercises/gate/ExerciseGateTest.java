package dev.connectkit.exercises.gate;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.exercise.ExerciseSpec;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestJvm;
import dev.connectkit.exercises.tools.run.TestOutcome;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exercise is solvable, no stub is an answer, and each exercise's files agree. The stubs and the reference
 * solutions run through the same tools students and the grader use ({@link ExerciseRunner}: javac in this JVM,
 * the tests in a test JVM under the JUnit Platform Launcher); the gate asserts on the outcomes the launcher
 * reported, so a stub's expected failures never print as failures of the build.
 */
@DisplayName("the exercise gate")
@Timeout(300)
class ExerciseGateTest {
    private static TestJvm jvm;
    private static ExerciseRunner runner;
    private static final Map<String, List<TestOutcome>> STUBS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTestJvm() throws Exception {
        Toolchain toolchain = Toolchain.current();
        jvm = TestJvm.start(toolchain, List.of("-Dconnectkit.lang=en"));
        runner = new ExerciseRunner(toolchain, () -> jvm, Duration.ofSeconds(180), Locale.ROOT);
    }

    @AfterAll
    static void stopTestJvm() {
        if (jvm != null) {
            jvm.close();
        }
    }

    static List<Exercise> exercises() throws Exception {
        Path dir = Path.of(System.getProperty("connectkit.exercisesDir", "..")).toAbsolutePath().normalize();
        return Exercise.all(dir);
    }

    private static Path work(Exercise e, String side) {
        return Path.of(System.getProperty("connectkit.gateWork", "target/gate")).resolve(e.name()).resolve(side);
    }

    /** Whether the native backend runs here; where it does not, a kernel test's skip is expected. */
    private static boolean kernelHere() {
        return Sockets.nativeUnavailableReason().isEmpty();
    }

    @Test
    @DisplayName("there are at least eight exercises, each with a stub, tests, a README and a reference solution")
    void eightExercises() throws Exception {
        List<Exercise> all = exercises();
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        for (Exercise e : all) {
            assertThat(e.dir().resolve("README.md")).exists();
            assertThat(e.mainSources()).isDirectory();
            assertThat(e.testSources()).isDirectory();
            assertThat(e.dir().resolve("solution/src/main/java")).isDirectory();
        }
    }

    @TestFactory
    @DisplayName("every stub, as shipped, compiles against its tests and fails each of its tasks")
    Stream<DynamicTest> stubsFail() throws Exception {
        return exercises().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            RunResult result = runner.run(e.mainSources(), e.dir(), work(e, "stub"));
            assertThat(result).as("the stub of %s against its tests", e.name()).isInstanceOf(RunResult.Ran.class);
            List<TestOutcome> tests = ((RunResult.Ran) result).tests();
            STUBS.put(e.name(), tests);
            for (int task = 1; task <= e.spec().tasks(); task++) {
                int t = task;
                List<TestOutcome> ofTask = tests.stream().filter(x -> x.task() == t).toList();
                assertThat(ofTask).as("%s: tests tagged task:%d", e.name(), task).isNotEmpty();
                boolean onlyKernelSkips = !kernelHere() && ofTask.stream().allMatch(x -> x.tags().contains("kernel"));
                if (!onlyKernelSkips) {
                    assertThat(ofTask).as("%s task %d: a stub that passes a task is an answer; its tests' outcomes",
                            e.name(), task).anyMatch(x -> x.status() == TestOutcome.Status.FAILED);
                }
            }
        }));
    }

    @TestFactory
    @DisplayName("every reference solution passes every test of its exercise")
    Stream<DynamicTest> solutionsPass() throws Exception {
        return exercises().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            RunResult result = runner.run(e.dir().resolve("solution/src/main/java"), e.dir(), work(e, "solution"));
            assertThat(result).as("the reference solution of %s against its tests", e.name())
                    .isInstanceOf(RunResult.Ran.class);
            List<TestOutcome> tests = ((RunResult.Ran) result).tests();
            assertThat(tests).as("%s: tests run against the solution", e.name()).isNotEmpty();
            for (TestOutcome t : tests) {
                boolean expectedSkip = !kernelHere() && t.tags().contains("kernel")
                        && t.status() == TestOutcome.Status.SKIPPED;
                assertThat(expectedSkip || t.status() == TestOutcome.Status.PASSED)
                        .as("%s: %s > %s is %s: %s", e.name(), t.taskName(), t.name(), t.status(), t.message())
                        .isTrue();
            }
            List<TestOutcome> stub = STUBS.get(e.name());
            if (stub != null) {
                assertThat(ids(tests)).as("%s: the solution ran the same tests as the stub", e.name()).isEqualTo(ids(stub));
            }
        }));
    }

    @TestFactory
    @DisplayName("each exercise's tasks agree: exercise.properties, the tests' task:N tags, the READMEs' hints")
    Stream<DynamicTest> tasksAgree() throws Exception {
        return exercises().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            ExerciseSpec spec = e.spec();
            Set<Integer> tagged = new TreeSet<>();
            boolean kernelTagged = false;
            try (Stream<Path> files = Files.walk(e.testSources())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    var m = java.util.regex.Pattern.compile("@Tag\\(\"task:(\\d+)\"\\)").matcher(text);
                    while (m.find()) {
                        tagged.add(Integer.parseInt(m.group(1)));
                    }
                    kernelTagged |= text.contains("@Tag(\"kernel\")") || text.contains("@NeedsRealKernel");
                }
            }
            Set<Integer> declared = java.util.stream.IntStream.rangeClosed(1, spec.tasks()).boxed()
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(tagged).as("%s: the tasks the tests are tagged with, against tasks=%d", e.name(), spec.tasks())
                    .isEqualTo(declared);
            assertThat(e.hints(Language.EN).keySet()).as("%s: README.md's hints, one per task", e.name())
                    .isEqualTo(declared);
            if (Files.isRegularFile(e.dir().resolve("README.zh.md"))) {
                assertThat(e.hints(Language.ZH).keySet()).as("%s: README.zh.md's hints, one per task", e.name())
                        .isEqualTo(declared);
            }
            if (kernelTagged) {
                assertThat(spec.environmental()).as("%s has tests that need the real kernel: exercise.properties"
                        + " must say environmental=kernel, or a grade on a laptop would count their skip as a"
                        + " failure", e.name()).contains(ExerciseSpec.KERNEL);
            }
        }));
    }

    private static Set<String> ids(List<TestOutcome> tests) {
        return tests.stream().map(TestOutcome::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
