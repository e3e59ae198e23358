package dev.connectkit.exercises.tools.exercise;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One exercise folder, {@code exercises/NN-name/}: its {@link ExerciseSpec}, its README (with the hints), the
 * stub a student completes in {@code src/main/java} and the tests in {@code src/test/java}.
 */
public record Exercise(Path dir, String number, String name, ExerciseSpec spec) {

    /** An exercise folder's name: two digits, a dash, a lower-case name. */
    public static final Pattern FOLDER = Pattern.compile("(\\d\\d)-[a-z0-9][a-z0-9-]*");

    /** Every exercise under {@code exercisesDir}, in order. */
    public static List<Exercise> all(Path exercisesDir) throws IOException {
        if (!Files.isDirectory(exercisesDir)) {
            throw new IOException(Msg.ERR_NOT_EXERCISES.text(exercisesDir));
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(exercisesDir)) {
            dirs = list.filter(d -> FOLDER.matcher(d.getFileName().toString()).matches())
                    .filter(d -> Files.isRegularFile(d.resolve(ExerciseSpec.FILE))).sorted().toList();
        }
        List<Exercise> all = new java.util.ArrayList<>();
        for (Path d : dirs) {
            all.add(load(d));
        }
        return List.copyOf(all);
    }

    /** The exercise in {@code dir}. */
    public static Exercise load(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        var m = FOLDER.matcher(name);
        if (!m.matches()) {
            throw new IOException(Msg.ERR_NOT_AN_EXERCISE.text(dir));
        }
        return new Exercise(dir, m.group(1), name, ExerciseSpec.read(dir));
    }

    /**
     * The exercise a student means by {@code ref}: its number ({@code 4} or {@code 04}) or its folder name.
     */
    public static Optional<Exercise> find(List<Exercise> all, String ref) {
        return all.stream().filter(e -> e.name().equals(ref) || e.number().equals(ref)
                || (ref.matches("\\d") && e.number().equals("0" + ref))).findFirst();
    }

    /** The student's code: {@code src/main/java}. */
    public Path mainSources() {
        return dir.resolve("src/main/java");
    }

    /** The tests: {@code src/test/java}. */
    public Path testSources() {
        return dir.resolve("src/test/java");
    }

    /** The README in {@code language}: {@code README.zh.md} for Chinese when it exists, else {@code README.md}. */
    public Path readme(Language language) {
        Path zh = dir.resolve("README.zh.md");
        return language == Language.ZH && Files.isRegularFile(zh) ? zh : dir.resolve("README.md");
    }

    /** The hints of the README in {@code language}, by task number. */
    public Map<Integer, String> hints(Language language) throws IOException {
        return Hints.parse(Files.readString(readme(language)));
    }

    /** The title in {@code language}. */
    public String title(Language language) {
        return spec.title(language);
    }
}
