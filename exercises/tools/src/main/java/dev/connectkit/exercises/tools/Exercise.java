package dev.connectkit.exercises.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** One exercise folder: its name, title, statements, and the hints of its README. */
record Exercise(Path dir, String name, String title, String statements, String level) {

    /** Every exercise under {@code exercisesDir}, in order. */
    static List<Exercise> all(Path exercisesDir) throws IOException {
        try (Stream<Path> dirs = Files.list(exercisesDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("exercise.properties"))).sorted()
                    .map(Exercise::load).toList();
        }
    }

    static Exercise load(Path dir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("exercise.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Exercise(dir, dir.getFileName().toString(), p.getProperty("title", "?"),
                p.getProperty("statements", ""), p.getProperty("level", ""));
    }

    /** The numbered hints of the README's "## Hints" section. */
    List<String> hints() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("README.md"));
        int start = lines.indexOf("## Hints");
        if (start < 0) {
            return List.of();
        }
        List<String> hints = new java.util.ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.matches("\\d+\\. .*")) {
                hints.add(line);
            } else if (!line.isBlank() && !hints.isEmpty()) {
                hints.set(hints.size() - 1, hints.getLast() + " " + line.strip());
            }
        }
        return hints;
    }

    /** The test files of this exercise. */
    List<Path> testFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("src/test"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
