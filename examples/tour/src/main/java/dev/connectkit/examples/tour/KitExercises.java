package dev.connectkit.examples.tour;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The exercises of the kit this program runs from, as their {@code exercises/NN-name/exercise.properties} describe
 * them: read from the kit's folder at each run, so what {@code connectkit explain} says of them is never older than
 * the files (a student handout has the same files, without the solutions).
 *
 * @param all the exercises, in number order
 */
record KitExercises(List<Exercise> all) {

    /**
     * One exercise.
     *
     * @param folder     its folder's name, such as {@code 06-eintr}
     * @param title      its English title
     * @param titleZh    its Chinese title ({@code title.zh} or {@code title_zh}), or the English one until it has one
     * @param statements the statements it practises
     */
    record Exercise(String folder, String title, String titleZh, List<Statement> statements) {
        String title(Language language) {
            return language == Language.ZH ? titleZh : title;
        }
    }

    /** The system property that names the kit's folder, for a copy of the program that lives outside it. */
    static final String HOME = "connectkit.kit"; // as the exercise tools name it

    /** The exercises beside this program; empty when it does not run from a kit folder. */
    static Optional<KitExercises> beside() {
        return kitFolder().map(kit -> in(kit.resolve("exercises")));
    }

    /**
     * The kit's folder: {@value #HOME} if set, else the nearest folder above this program's classes
     * ({@code examples/tour/target/classes} when {@code ./connectkit} runs it) that has the {@code connectkit}
     * launcher and an {@code exercises} folder.
     */
    static Optional<Path> kitFolder() {
        String home = System.getProperty(HOME);
        if (home != null) {
            return Optional.of(Path.of(home)).filter(KitExercises::isKit);
        }
        CodeSource source = KitExercises.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            for (Path p = Path.of(source.getLocation().toURI()).toAbsolutePath(); p != null; p = p.getParent()) {
                if (isKit(p)) {
                    return Optional.of(p);
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file on this machine: no kit around it
        }
        return Optional.empty();
    }

    private static boolean isKit(Path folder) {
        return Files.isRegularFile(folder.resolve("connectkit")) && Files.isDirectory(folder.resolve("exercises"));
    }

    /** The exercises in {@code exercises} (a kit's exercises/ folder), in number order. */
    static KitExercises in(Path exercises) {
        try (Stream<Path> folders = Files.list(exercises)) {
            return new KitExercises(folders.filter(f -> f.getFileName().toString().matches("\\d\\d-.*"))
                    .filter(f -> Files.isRegularFile(f.resolve("exercise.properties")))
                    .sorted().map(KitExercises::read).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the exercises in " + exercises, e);
        }
    }

    private static Exercise read(Path folder) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("exercise.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve("exercise.properties"), e);
        }
        String title = p.getProperty("title", folder.getFileName().toString());
        String statements = p.getProperty("statements", "");
        return new Exercise(folder.getFileName().toString(), title, p.getProperty("title.zh", p.getProperty("title_zh", title)),
                statements.isBlank() ? List.of()
                        : Arrays.stream(statements.split(",")).map(String::strip).map(Statement::byId).toList());
    }
}
