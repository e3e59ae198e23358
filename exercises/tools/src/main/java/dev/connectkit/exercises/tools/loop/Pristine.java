package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.Exercise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stubs as the handout shipped them, kept in {@code .connectkit/stubs/NN-name/src/main/java}: what
 * {@code reset} restores, and what tells an edited exercise from an untouched one.
 */
public final class Pristine {
    private Pristine() {
    }

    /** Where a handout keeps its pristine stubs. */
    public static final String STUBS = ".connectkit/stubs";

    /** The pristine {@code src/main/java} of {@code exercise}, when the kit carries one. */
    public static Optional<Path> stubOf(Path kit, Exercise exercise) {
        Path stub = kit.resolve(STUBS).resolve(exercise.name()).resolve("src/main/java");
        return Files.isDirectory(stub) ? Optional.of(stub) : Optional.empty();
    }

    /** The pristine stub of {@code exercise} when the kit carries one, else the exercise's code as it is. */
    public static Path stubOrCode(Path kit, Exercise exercise) {
        return stubOf(kit, exercise).orElse(exercise.mainSources());
    }

    /** Whether the student changed the exercise's code (false when there is no pristine copy to compare with). */
    public static boolean edited(Path kit, Exercise exercise) throws IOException {
        Optional<Path> stub = stubOf(kit, exercise);
        return stub.isPresent() && !sameFiles(stub.get(), exercise.mainSources());
    }

    /** Whether two folders hold the same files with the same bytes. */
    static boolean sameFiles(Path a, Path b) throws IOException {
        List<Path> left = files(a);
        List<Path> right = files(b);
        if (!left.stream().map(a::relativize).toList().equals(right.stream().map(b::relativize).toList())) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!Arrays.equals(Files.readAllBytes(left.get(i)), Files.readAllBytes(right.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The newest change under {@code dir}, in milliseconds; 0 when it is empty. */
    static long newest(Path dir) throws IOException {
        long newest = 0;
        for (Path f : files(dir)) {
            newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
        }
        return newest;
    }
}
