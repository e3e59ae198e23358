package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.handout.Handout;
import dev.connectkit.exercises.tools.run.Folders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kit these tests run in, and handouts built from it into a test's temporary folder. */
public final class Kits {
    private Kits() {
    }

    /** The kit's top folder (the surefire configuration says where). */
    public static Path kit() {
        return Path.of(System.getProperty("connectkit.kit", "../..")).toAbsolutePath().normalize();
    }

    /** A fresh handout of the kit, in {@code dir}/name. */
    public static Path handout(Path dir, String name) throws IOException, InterruptedException {
        Path target = dir.resolve(name);
        Handout.build(kit(), Handout.tracked(kit()), target);
        return target;
    }

    /** A copy of {@code from} (a handout), as a student's submission named {@code name}. */
    public static Path copy(Path from, Path dir, String name) throws IOException {
        Path to = dir.resolve(name);
        Folders.copy(from, to);
        return to;
    }

    /** The reference solution of an exercise, copied over a submission's stub. */
    public static void solve(Path submission, String exercise) throws IOException {
        Path main = submission.resolve("exercises").resolve(exercise).resolve("src/main/java");
        Folders.delete(main);
        Folders.copy(kit().resolve("exercises").resolve(exercise).resolve("solution/src/main/java"), main);
    }

    /** Replaces {@code old} by {@code replacement} in a file; fails when {@code old} is not there. */
    public static void edit(Path file, String old, String replacement) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(old)) {
            throw new IllegalStateException(file + " does not contain: " + old);
        }
        Files.writeString(file, text.replace(old, replacement));
    }
}
