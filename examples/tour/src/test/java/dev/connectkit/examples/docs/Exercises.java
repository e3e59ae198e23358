package dev.connectkit.examples.docs;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The exercises as their {@code exercise.properties} describe them: number, folder, title, statements. */
record Exercises(List<Exercise> all) {

    /** One exercise. */
    record Exercise(String number, String folder, String title, String titleZh, String level,
                    List<Statement> statements) {
        String title(Language language) {
            return language == Language.ZH ? titleZh : title;
        }
    }

    /** The exercises in {@code exercisesDirectory} (the repository's exercises/), in number order. */
    static Exercises in(Path exercisesDirectory) {
        try (Stream<Path> folders = Files.list(exercisesDirectory)) {
            return new Exercises(folders.filter(f -> f.getFileName().toString().matches("\\d\\d-.*"))
                    .filter(f -> Files.isRegularFile(f.resolve("exercise.properties")))
                    .sorted().map(Exercises::read).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Exercise read(Path folder) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("exercise.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = folder.getFileName().toString();
        String title = p.getProperty("title");
        // The Chinese title, where the exercise has one (title.zh or title_zh); the English one until then.
        String titleZh = p.getProperty("title.zh", p.getProperty("title_zh", title));
        return new Exercise(name.substring(0, 2), name, title, titleZh, p.getProperty("level", "").strip(),
                Arrays.stream(p.getProperty("statements").split(",")).map(String::strip).map(Statement::byId).toList());
    }

    /** The exercises on {@code statement}. */
    List<Exercise> on(Statement statement) {
        return all.stream().filter(e -> e.statements().contains(statement)).toList();
    }

    /** The exercises that share a statement with {@code statements}. */
    List<Exercise> onAnyOf(List<Statement> statements) {
        return all.stream().filter(e -> e.statements().stream().anyMatch(statements::contains)).toList();
    }
}
