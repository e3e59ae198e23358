package dev.connectkit.exercises.tools.bench;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.Progress;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.Watch;
import dev.connectkit.exercises.tools.run.Compilation;
import dev.connectkit.exercises.tools.run.Folders;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The student loop's speed, measured and printed: {@code ./connectkit test NN} after a change (the launcher, a new
 * tools JVM, javac, the tests in a test JVM), and {@code progress --watch} from a saved file to its new result
 * (the warm JVMs). The watch is measured on a copy of the exercises in a temporary folder, so the student's own
 * files are never touched; {@code test NN} runs on the kit itself after forgetting that exercise's cached result.
 */
public final class LoopBenchmark {
    private LoopBenchmark() {
    }

    /** The targets the issue sets: a saved file to its result, and one exercise's tests. */
    public static final Duration WATCH_TARGET = Duration.ofSeconds(1);
    public static final Duration TEST_TARGET = Duration.ofSeconds(2);

    /** The figures of one measure, in milliseconds. */
    public record Figures(List<Long> millis) {
        long median() {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        long min() {
            return millis.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Measures both and prints the figures; returns 0. */
    public static int run(Path kit, Exercise exercise, int runs, Toolchain toolchain, Language language,
                          PrintStream out) throws IOException, InterruptedException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.println(Msg.BENCH_HEADER.text(Runtime.getRuntime().availableProcessors(),
                load < 0 ? "?" : String.format(java.util.Locale.ROOT, "%.2f", load)));
        Figures test = testCommand(kit, exercise, runs);
        print(out, Msg.BENCH_TEST.text(exercise.number()), test, runs, TEST_TARGET);
        Figures watch = watch(kit, exercise, runs, toolchain, language);
        print(out, Msg.BENCH_WATCH.text(), watch, runs, WATCH_TARGET);
        return 0;
    }

    private static void print(PrintStream out, String what, Figures f, int runs, Duration target) {
        out.println(Msg.BENCH_LINE.text(what, seconds(f.median()), seconds(f.min()), seconds(f.max()), runs,
                seconds(target.toMillis()), f.median() <= target.toMillis() ? Msg.BENCH_MET.text()
                        : Msg.BENCH_MISSED.text()));
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /** {@code ./connectkit test NN}, run as a student runs it, after the exercise's cached result is forgotten. */
    static Figures testCommand(Path kit, Exercise exercise, int runs) throws IOException, InterruptedException {
        Path script = kit.resolve("connectkit");
        List<Long> millis = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            StudentLoop.forget(exercise);
            long start = System.nanoTime();
            Process p = new ProcessBuilder("bash", script.toString(), "test", exercise.number())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(Msg.ERR_BENCH_TEST.text(exercise.number()));
            }
            if (i >= 0) {
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        return new Figures(millis);
    }

    /** {@code progress --watch} on a copy of the exercises: from a saved file to its printed result. */
    static Figures watch(Path kit, Exercise exercise, int runs, Toolchain toolchain, Language language)
            throws IOException, InterruptedException {
        Path copy = Files.createTempDirectory("connectkit-bench-");
        try {
            for (Exercise e : Exercise.all(kit.resolve("exercises"))) {
                Path to = copy.resolve("exercises").resolve(e.name());
                for (String part : List.of("src", "exercise.properties", "README.md", "README.zh.md")) {
                    Path from = e.dir().resolve(part);
                    if (Files.isDirectory(from)) {
                        Folders.copy(from, to.resolve(part));
                    } else if (Files.isRegularFile(from)) {
                        Files.createDirectories(to);
                        Files.copy(from, to.resolve(part));
                    }
                }
            }
            Exercise target = Exercise.load(copy.resolve("exercises").resolve(exercise.name()));
            Path source = Compilation.sources(target.mainSources()).getFirst();
            BlockingQueue<Long> results = new LinkedBlockingQueue<>();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            List<Long> millis = new ArrayList<>();
            try (StudentLoop loop = new StudentLoop(copy, toolchain, language)) {
                Watch watch = new Watch(loop, new Progress(loop, language, quiet), quiet,
                        changed -> results.add(System.nanoTime()));
                Thread watcher = Thread.ofPlatform().name("bench-watch").start(() -> {
                    try {
                        watch.run(false);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try {
                    // The first progress builds every exercise; then one save warms the path; then the runs.
                    for (int i = -1; i < runs; i++) {
                        if (results.poll(180, TimeUnit.SECONDS) == null) {
                            throw new IOException(Msg.ERR_BENCH_WATCH.text(180));
                        }
                        results.clear();
                        long saved = save(source, i);
                        Long done = results.poll(60, TimeUnit.SECONDS);
                        if (done == null) {
                            throw new IOException(Msg.ERR_BENCH_WATCH.text(60));
                        }
                        if (i >= 0) {
                            millis.add((done - saved) / 1_000_000);
                        }
                        results.add(done);
                    }
                } finally {
                    watcher.interrupt();
                    watcher.join(Duration.ofSeconds(30));
                }
            }
            return new Figures(millis);
        } finally {
            Folders.delete(copy);
        }
    }


    /** Saves the file with one more comment line, as an editor would; returns when the save ended. */
    private static long save(Path source, int n) throws IOException {
        Files.writeString(source, "// saved " + n + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return System.nanoTime();
    }
}
