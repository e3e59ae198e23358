package dev.connectkit.exercises.testkit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The consistency check ({@link KitConsistency}) on the sample exercise in {@code src/test/sample}: it passes on
 * the sample as written, and fails on a copy with one thing removed. Each run copies the sample, compiles the
 * copy's tests as the tools do, and runs them in a class loader of their own with the JUnit Platform Launcher.
 */
@DisplayName("the consistency check")
@Timeout(120)
class ConsistencyCheckTest {
    private static final Path SAMPLE = Path.of("src/test/sample");
    private static final String PACKAGE = "dev.connectkit.exercises.sample";
    private static final String MESSAGES = "src/test/resources/dev/connectkit/exercises/sample/";
    private static final Set<String> CHECKS = Set.of("bothLanguagesHaveTheSameMessages",
            "everyMessageTheTestsUseExists", "hintsMatchTheTasksInBothReadmes", "theChineseReadmeHasTheSameSections");

    @TempDir
    Path dir;

    /** What the launcher reported for one test method: how it ended, and the name the student reads. */
    record Outcome(TestExecutionResult.Status status, String displayName, String message) {
    }

    @Test
    @DisplayName("passes on the sample as written, its tests named from both bundles, say() reading the caller's")
    void passesOnTheSample() throws Exception {
        Map<String, Outcome> outcomes = run(copy());
        assertThat(outcomes.keySet()).containsAll(CHECKS).contains("greets", "saysGoodbye");
        assertThat(outcomes).allSatisfy((test, outcome) -> {
            assertThat(outcome.status()).as("%s: %s", test, outcome.message())
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            assertThat(outcome.displayName()).as("the name of %s, from a bundle", test).doesNotStartWith("(");
        });
    }

    @ParameterizedTest(name = "fails without {0}")
    @CsvSource(delimiter = '|', value = {
            "a hint                   | README.md    | 2. Goodbye.                   | hintsMatchTheTasksInBothReadmes",
            "a Chinese hint           | README.zh.md | 2. 再见。                     | hintsMatchTheTasksInBothReadmes",
            "a task's tag             | src/test/java/dev/connectkit/exercises/sample/SampleTest.java | @Tag(\"task:2\")"
                    + "                   | hintsMatchTheTasksInBothReadmes",
            "a Chinese message        | " + MESSAGES + "messages_zh.properties | task2.farewell"
                    + "     | bothLanguagesHaveTheSameMessages",
            "a Chinese README section | README.zh.md | ## 设计说明                   | theChineseReadmeHasTheSameSections",
            "a test's name            | " + MESSAGES + "messages.properties | name.Task1.greets"
                    + "  | bothLanguagesHaveTheSameMessages everyMessageTheTestsUseExists",
            "a message's use          | src/test/java/dev/connectkit/exercises/sample/SampleTest.java"
                    + " | assertThat(say(\"task1.greeting\")) | everyMessageTheTestsUseExists",
    })
    void failsWithoutOneThing(String what, String file, String line, String failing) throws Exception {
        Path sample = copy();
        Path edited = sample.resolve(file);
        List<String> lines = Files.readAllLines(edited);
        List<String> kept = lines.stream().filter(l -> !l.strip().startsWith(line)).toList();
        assertThat(lines.size() - kept.size()).as("lines of %s starting with %s", file, line).isOne();
        Files.write(edited, kept);

        Map<String, Outcome> outcomes = run(sample);
        Set<String> failed = new TreeSet<>();
        outcomes.forEach((test, outcome) -> {
            if (CHECKS.contains(test) && outcome.status() != TestExecutionResult.Status.SUCCESSFUL) {
                failed.add(test);
            }
        });
        assertThat(outcomes.keySet()).as("the checks that ran").containsAll(CHECKS);
        assertThat(failed).as("the checks that failed without %s", what)
                .isEqualTo(new TreeSet<>(Arrays.asList(failing.split(" "))));
    }

    @Test
    @DisplayName("refuses a subclass that does not name the exercise's test class")
    void needsTheTestClass() {
        assertThat(KitConsistency.exerciseTests(Named.class)).isEqualTo(String.class);
        assertThatThrownBy(() -> KitConsistency.exerciseTests(Unnamed.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KitConsistency<TheExerciseTest>");
    }

    /** A subclass that names its tests (never run: the consistency check is only read here). */
    static final class Named extends KitConsistency<String> {
    }

    /** A subclass that does not. */
    @SuppressWarnings("rawtypes")
    static final class Unnamed extends KitConsistency {
    }

    // ---- the sample, copied, compiled and run ----

    private Path copy() throws IOException {
        Path to = dir.resolve("sample");
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(SAMPLE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** Compiles the copy's tests into its {@code target/test-classes}, runs them, and returns each test's outcome. */
    private static Map<String, Outcome> run(Path sample) throws Exception {
        Path classes = sample.resolve("target/test-classes");
        compile(sample.resolve("src/test/java"), classes);
        Path resources = sample.resolve("src/test/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Map<String, Outcome> outcomes = new TreeMap<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("sample", new URL[] {classes.toUri().toURL()},
                ConsistencyCheckTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(loader.loadClass(PACKAGE + ".KitConsistencyTest")),
                            selectClass(loader.loadClass(PACKAGE + ".SampleTest")))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource method) {
                        outcomes.put(method.getMethodName(), new Outcome(result.getStatus(), id.getDisplayName(),
                                result.getThrowable().map(String::valueOf).orElse("")));
                    }
                }
            });
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return outcomes;
    }

    /** javac on every source under {@code sources}, against this test's own class path. */
    private static void compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(errors, fileManager, null, List.of("-d", classes.toString(), "-classpath",
                            classpath + File.pathSeparator + classes, "-encoding", "UTF-8", "-proc:none", "-Xlint:none"),
                    null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("the sample compiles: %s", errors).isTrue();
        }
    }
}
