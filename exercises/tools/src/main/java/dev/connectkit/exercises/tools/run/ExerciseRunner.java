package dev.connectkit.exercises.tools.run;

import dev.connectkit.exercises.tools.i18n.Msg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Builds and tests one exercise: compiles the student's {@code src/main/java} against the kit's core, checks the
 * classes ({@link CodeCheck}), compiles the tests against them, and runs the tests in a {@link TestJvm}. Every
 * class it compiles goes to a folder it empties first; nothing built elsewhere is ever read.
 */
public final class ExerciseRunner {

    /** How much a run's tests may print: far beyond any honest test, small enough to stop a flood early. */
    public static final long OUTPUT_LIMIT = 1 << 20;

    private final Toolchain toolchain;
    private final Supplier<TestJvm> jvms;
    private final Duration deadline;
    private final Locale locale;

    /**
     * @param jvms     where each run's test JVM comes from: a fresh one per run, or a warm one reused
     * @param deadline how long the tests of one exercise may take in all
     * @param locale   the language of javac's messages
     */
    public ExerciseRunner(Toolchain toolchain, Supplier<TestJvm> jvms, Duration deadline, Locale locale) {
        this.toolchain = toolchain;
        this.jvms = jvms;
        this.deadline = deadline;
        this.locale = locale;
    }

    /**
     * Runs the tests of the exercise in {@code exerciseDir} (its {@code src/test/java} and
     * {@code src/test/resources}) against the code in {@code main} (a {@code src/main/java}: the student's, or
     * a reference solution), building into {@code work}.
     */
    public RunResult run(Path main, Path exerciseDir, Path work) throws IOException, InterruptedException {
        Path mainClasses = work.resolve("classes");
        Path testClasses = work.resolve("test-classes");
        Path tests = exerciseDir.resolve("src/test/java");
        List<Path> mainSources = Compilation.sources(main);
        long size = 0;
        for (Path source : mainSources) {
            size += Files.size(source);
        }
        if (size > Compilation.MAX_SOURCE_BYTES) {
            return new RunResult.DoesNotCompile(List.of(new Compilation.CompileError(main, 0, 0,
                    Msg.ERR_TOO_MUCH_SOURCE.text(size, Compilation.MAX_SOURCE_BYTES), "")));
        }
        List<Compilation.CompileError> errors = Compilation.compile(mainSources, toolchain.student(), mainClasses, locale);
        if (!errors.isEmpty()) {
            return new RunResult.DoesNotCompile(errors);
        }
        List<Path> testClasspath = new ArrayList<>(toolchain.runtime());
        testClasspath.add(mainClasses);
        errors = Compilation.compile(Compilation.sources(tests), testClasspath, testClasses, locale);
        if (!errors.isEmpty()) {
            return new RunResult.TestsDoNotCompile(errors);
        }
        copyResources(exerciseDir.resolve("src/test/resources"), testClasses);
        List<CodeCheck.Finding> findings = CodeCheck.check(mainClasses, packagesOf(testClasses), classesIn(testClasses));
        if (!findings.isEmpty()) {
            return new RunResult.Refused(findings);
        }
        TestJvm jvm = jvms.get();
        TestJvm.Run run = jvm.run(false, testClasses, mainClasses, exerciseDir, OUTPUT_LIMIT, deadline);
        if (run.stop() != null) {
            return new RunResult.Stopped(run.stop(), run.exitStatus(), run.error(), run.tests());
        }
        if (!run.error().isEmpty()) {
            throw new IOException(Msg.ERR_TEST_JVM.text(run.error()));
        }
        return new RunResult.Ran(run.tests());
    }

    /** The tests of the exercise in {@code exerciseDir}, compiled against {@code main}, as JUnit lists them. */
    public List<TestOutcome> discover(Path main, Path exerciseDir, Path work) throws IOException, InterruptedException {
        Path mainClasses = work.resolve("classes");
        Path testClasses = work.resolve("test-classes");
        Path tests = exerciseDir.resolve("src/test/java");
        List<Compilation.CompileError> errors = Compilation.compile(Compilation.sources(main), toolchain.student(),
                mainClasses, locale);
        List<Path> testClasspath = new ArrayList<>(toolchain.runtime());
        testClasspath.add(mainClasses);
        if (errors.isEmpty()) {
            errors = Compilation.compile(Compilation.sources(tests), testClasspath, testClasses, locale);
        }
        if (!errors.isEmpty()) {
            throw new IOException(Msg.ERR_TEMPLATE_DOES_NOT_COMPILE.text(exerciseDir, errors.getFirst().file() + ":"
                    + errors.getFirst().line() + ": " + errors.getFirst().message()));
        }
        copyResources(exerciseDir.resolve("src/test/resources"), testClasses);
        TestJvm.Run run = jvms.get().run(true, testClasses, mainClasses, exerciseDir, OUTPUT_LIMIT, deadline);
        if (run.stop() != null || !run.error().isEmpty()) {
            throw new IOException(Msg.ERR_TEMPLATE_NOT_LISTED.text(exerciseDir, run.stop() + " " + run.error()));
        }
        return run.tests();
    }

    /** The tests' resources (their messages in both languages), beside their classes, as Maven puts them. */
    private static void copyResources(Path resources, Path testClasses) throws IOException {
        if (Files.isDirectory(resources)) {
            Folders.copy(resources, testClasses);
        }
    }

    /** The binary names of the classes compiled into {@code classes}. */
    static Set<String> classesIn(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> packagesOf(Path classes) throws IOException {
        Set<String> packages = new TreeSet<>();
        for (String name : classesIn(classes)) {
            packages.add(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "");
        }
        return packages;
    }
}
