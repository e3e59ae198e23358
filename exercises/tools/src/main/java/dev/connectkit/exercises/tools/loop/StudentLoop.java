package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.Folders;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestJvm;
import dev.connectkit.exercises.tools.run.Toolchain;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A student's exercises and their latest results. An exercise is built and tested on its own (one that does not
 * compile leaves the others' results as they are), in a test JVM that stays warm between runs. A result is kept
 * in the exercise's {@code target/connectkit/} with a fingerprint of everything it depends on, and reused while
 * nothing changed.
 */
public final class StudentLoop implements AutoCloseable {

    /** How long one exercise's tests may run: every test has its own, shorter, timeout. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    /** An exercise's latest result. {@code reused} when it came from the cache. */
    public record Result(Exercise exercise, RunResult run, boolean reused) {
    }

    private record Cached(String fingerprint, RunResult run) {
    }

    private final Path kit;
    private final Toolchain toolchain;
    private final Language language;
    private final List<String> jvmProperties;
    private final ExerciseRunner runner;
    private TestJvm jvm;
    private String toolchainStamp;

    public StudentLoop(Path kit, Toolchain toolchain, Language language) {
        this.kit = kit;
        this.toolchain = toolchain;
        this.language = language;
        this.jvmProperties = TestJvm.properties(language);
        this.runner = new ExerciseRunner(toolchain, this::warmJvm, DEADLINE, language.bundleLocale());
    }

    /** The kit's folder. */
    public Path kit() {
        return kit;
    }

    /** The exercises, in order. */
    public List<Exercise> exercises() throws IOException {
        return Exercise.all(kit.resolve("exercises"));
    }

    /** The exercise's result: the cached one when nothing it depends on changed, else a new run. */
    public Result result(Exercise exercise) throws IOException, InterruptedException {
        Path cache = exercise.dir().resolve("target/connectkit");
        String fingerprint = fingerprint(exercise);
        Path file = cache.resolve("result.json");
        if (Files.isRegularFile(file)) {
            try {
                Cached cached = Json.MAPPER.readValue(file.toFile(), Cached.class);
                if (cached.fingerprint().equals(fingerprint) && cached.run() != null) {
                    return new Result(exercise, cached.run(), true);
                }
            } catch (RuntimeException e) {
                // an unreadable cache is a stale one
            }
        }
        warmJvm(); // it starts up while javac compiles
        RunResult run = runner.run(exercise.mainSources(), exercise.dir(), cache.resolve("build"));
        Files.createDirectories(cache);
        Json.MAPPER.writeValue(file.toFile(), new Cached(fingerprint, run));
        return new Result(exercise, run, false);
    }

    /** The exercise's last result, whatever changed since; empty when it never ran. */
    public static java.util.Optional<RunResult> lastResult(Exercise exercise) {
        Path file = exercise.dir().resolve("target/connectkit/result.json");
        try {
            return Files.isRegularFile(file)
                    ? java.util.Optional.ofNullable(Json.MAPPER.readValue(file.toFile(), Cached.class).run())
                    : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Forgets the exercise's cached result, so the next {@link #result} runs its tests. */
    public static void forget(Exercise exercise) throws IOException {
        Folders.delete(exercise.dir().resolve("target/connectkit"));
    }

    /**
     * Everything a result depends on: the exercise's sources, tests, test resources, READMEs and properties, the
     * toolchain's jars and classes, the language.
     */
    String fingerprint(Exercise exercise) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(language.tag().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (toolchainStamp == null) {
            StringBuilder stamp = new StringBuilder();
            for (Path entry : toolchain.runtime()) {
                stamp.append(entry).append('|').append(stampOf(entry)).append('\n');
            }
            toolchainStamp = stamp.toString();
        }
        sha.update(toolchainStamp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Path file : filesOf(exercise)) {
            sha.update(exercise.dir().relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The files a result depends on, or whose change the watcher reacts to. */
    static List<Path> filesOf(Exercise exercise) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String name : List.of("exercise.properties", "README.md", "README.zh.md")) {
            if (Files.isRegularFile(exercise.dir().resolve(name))) {
                files.add(exercise.dir().resolve(name));
            }
        }
        Path src = exercise.dir().resolve("src");
        if (Files.isDirectory(src)) {
            try (Stream<Path> walk = Files.walk(src)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** A folder's newest change and size, or a jar's: enough to see that the toolchain was rebuilt. */
    private static String stampOf(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    return walk.filter(Files::isRegularFile).map(StudentLoop::stampOfFile)
                            .reduce((a, b) -> a.compareTo(b) > 0 ? a : b).orElse("");
                }
            }
            return stampOfFile(entry);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String stampOfFile(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "";
        }
    }

    private TestJvm warmJvm() {
        if (jvm == null || !jvm.alive()) {
            try {
                jvm = TestJvm.start(toolchain, jvmProperties);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jvm;
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
