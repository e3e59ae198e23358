package dev.connectkit.examples.tour;

import dev.connectkit.manpage.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** explain reads the exercises of the kit it runs from, whatever state that folder is in. */
@DisplayName("the exercises explain reads")
class KitExercisesTest {

    @AfterEach
    void forgetTheKit() {
        System.clearProperty(KitExercises.HOME);
    }

    @Test
    @DisplayName("are this kit's when the program runs from its folder")
    void thisKit() {
        KitExercises exercises = KitExercises.beside().orElseThrow();
        assertThat(exercises.all()).extracting(KitExercises.Exercise::folder).contains("01-tcp-client", "06-eintr");
        assertThat(exercises.all().getFirst().statements()).contains(Statement.S_07);
    }

    /** A kit folder with one exercise whose exercise.properties says {@code properties}. */
    private static Path kit(Path root, String properties) throws IOException {
        Files.writeString(root.resolve("connectkit"), "#!/bin/sh\n");
        Path exercise = Files.createDirectories(root.resolve("exercises/09-refused"));
        Files.writeString(exercise.resolve("exercise.properties"), properties);
        return root;
    }

    @Test
    @DisplayName("show an exercise's Chinese title where it has one, its English one until then")
    void chineseTitle(@TempDir Path root) throws IOException {
        System.setProperty(KitExercises.HOME, kit(root, "title=Refused\ntitle.zh=被拒绝\nstatements=S-07\n").toString());
        assertThat(Command.run("--lang", "zh", "explain", "ECONNREFUSED").out())
                .contains("exercises/09-refused", "练习：被拒绝").doesNotContain("01-tcp-client");
        assertThat(Command.run("--lang", "en", "explain", "ECONNREFUSED").out()).contains("the exercise: Refused");
        Files.writeString(root.resolve("exercises/09-refused/exercise.properties"), "title=Refused\nstatements=S-07\n");
        assertThat(Command.run("--lang", "zh", "explain", "ECONNREFUSED").out()).contains("练习：Refused");
    }

    @Test
    @DisplayName("are left out, with a line saying so, where the program has no kit around it")
    void noKit(@TempDir Path elsewhere) {
        System.setProperty(KitExercises.HOME, elsewhere.toString());
        Command r = Command.run("--lang", "en", "explain", "EINTR");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("./connectkit interrupted-connect", "(the exercises are left out")
                .doesNotContain("exercises/06-eintr");
    }

    @Test
    @DisplayName("are left out, with one line on stderr, where an exercise file names no statement the kit has")
    void brokenExercise(@TempDir Path root) throws IOException {
        System.setProperty(KitExercises.HOME, kit(root, "title=Broken\nstatements=S-99\n").toString());
        Command r = Command.run("--lang", "en", "explain", "EINTR");
        assertThat(r.status()).as("the errno is still explained").isZero();
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("connectkit explain: the exercises cannot be read");
        assertThat(r.out()).contains("S-10  ", "(the exercises are left out");
        assertThat(List.of(r.err())).noneMatch(e -> e.contains("\tat "));
    }
}
