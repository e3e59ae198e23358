package dev.connectkit.exercises.gate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every exercise is solvable, and no stub is already solved. */
@DisplayName("the exercise gates")
class ExerciseGatesTest {

    /** The totals of a directory of surefire reports. */
    record Totals(int tests, int failures, int errors, int skipped) {
        int broken() {
            return failures + errors;
        }
    }

    static Path exercisesDir() {
        return Path.of(System.getProperty("connectkit.exercisesDir", "..")).toAbsolutePath().normalize();
    }

    static List<Path> exercises() throws IOException {
        try (Stream<Path> dirs = Files.list(exercisesDir())) {
            return dirs.filter(d -> Files.exists(d.resolve("exercise.properties"))).sorted().toList();
        }
    }

    static Totals totals(Path reports) throws Exception {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path xml : files.filter(f -> f.getFileName().toString().startsWith("TEST-")
                    && f.toString().endsWith(".xml")).toList()) {
                Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                        .getDocumentElement();
                tests += Integer.parseInt(suite.getAttribute("tests"));
                failures += Integer.parseInt(suite.getAttribute("failures"));
                errors += Integer.parseInt(suite.getAttribute("errors"));
                skipped += Integer.parseInt(suite.getAttribute("skipped"));
            }
        }
        return new Totals(tests, failures, errors, skipped);
    }

    @Test
    @DisplayName("there are at least eight exercises, each with a stub, tests, a README and a solution")
    void eightExercises() throws IOException {
        List<Path> all = exercises();
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        for (Path e : all) {
            assertThat(e.resolve("README.md")).exists();
            assertThat(e.resolve("src/main/java")).isDirectory();
            assertThat(e.resolve("src/test/java")).isDirectory();
            assertThat(e.resolve("solution/src/main/java")).isDirectory();
        }
    }

    @TestFactory
    @DisplayName("every stub, as shipped, compiles against its tests and fails at least one of them")
    Stream<DynamicTest> stubsFail() throws IOException {
        return exercises().stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> {
            Path reports = e.resolve("target/stub-reports");
            assertThat(reports).as("the stub's test reports (the stub compiled and its tests ran)").isDirectory();
            Totals t = totals(reports);
            assertThat(t.tests()).as("tests run against the stub of %s", e.getFileName()).isPositive();
            assertThat(t.broken()).as("tests the stub of %s fails: a stub that passes is an answer", e.getFileName())
                    .isPositive();
        }));
    }

    @TestFactory
    @DisplayName("every reference solution passes every test of its exercise")
    Stream<DynamicTest> solutionsPass() throws IOException {
        return exercises().stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> {
            Totals stub = totals(e.resolve("target/stub-reports"));
            Totals solution = totals(e.resolve("solution/target/surefire-reports"));
            assertThat(solution.broken()).as("tests the reference solution of %s fails", e.getFileName()).isZero();
            assertThat(solution.tests()).as("the solution ran the same tests as the stub").isEqualTo(stub.tests());
        }));
    }

    /** Lists what the gate saw, for the build log. */
    @Test
    @DisplayName("reports its counts")
    void counts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path e : exercises()) {
            Totals stub = totals(e.resolve("target/stub-reports"));
            Totals solution = totals(e.resolve("solution/target/surefire-reports"));
            lines.add(e.getFileName() + ": stub fails " + stub.broken() + "/" + stub.tests() + ", solution passes "
                    + (solution.tests() - solution.broken() - solution.skipped()) + "/" + solution.tests()
                    + (solution.skipped() > 0 ? " (" + solution.skipped() + " skipped)" : ""));
        }
        lines.forEach(System.out::println);
        assertThat(lines).isNotEmpty();
    }
}
