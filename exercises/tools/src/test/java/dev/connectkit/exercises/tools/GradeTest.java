package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.cli.Main;
import dev.connectkit.exercises.tools.grade.Grader;
import dev.connectkit.exercises.tools.grade.Grades;
import dev.connectkit.exercises.tools.run.Toolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grade cannot be gamed. Each cheat a student tried (and a few more) is applied to a copy of a freshly built
 * handout and graded against the pristine handout: it scores 0 for that exercise, and the reason says why in one
 * line. An honest solution scores full points.
 */
@DisplayName("grading with a pristine template")
@Timeout(300)
class GradeTest {
    static final String EXERCISE = "04-connect-timeout";
    static final String SOURCE = "exercises/" + EXERCISE + "/src/main/java/dev/connectkit/exercises/timeout/TimedConnect.java";

    @TempDir
    static Path dir;
    static Path template;
    static Grader grader;

    @BeforeAll
    static void template() throws Exception {
        template = Kits.handout(dir, "template");
        grader = new Grader(Toolchain.current(), template, Duration.ofSeconds(120), Locale.ROOT, Optional.empty(),
                List.of("-Dconnectkit.lang=en"));
    }

    static Grades.ExerciseGrade grade(Path submission) throws Exception {
        Grades.SubmissionGrade g = grader.grade(submission, List.of(EXERCISE));
        assertThat(g.exercises()).hasSize(1);
        return g.exercises().getFirst();
    }

    static Path submission(String name) throws IOException {
        return Kits.copy(template, dir, name);
    }

    /** A cheat scores 0 of the template's full amount, and the one-line reason says why. */
    static void scoresZero(Grades.ExerciseGrade g, String... reason) {
        assertThat(g.max()).as("points possible, from the template").isEqualByComparingTo("30");
        assertThat(g.points()).as("points of %s (reason: %s)", g.exercise(), g.reason()).isEqualByComparingTo("0");
        assertThat(g.reason()).as("reason").contains(reason).doesNotContain("\n");
    }

    @Test
    @DisplayName("an honest solution scores every point, with no reason given")
    void honest() throws Exception {
        Path s = submission("honest");
        Kits.solve(s, EXERCISE);
        Grades.ExerciseGrade g = grade(s);
        assertThat(g.points()).isEqualByComparingTo("30");
        assertThat(g.reason()).isEmpty();
    }

    @Test
    @DisplayName("the stub as handed out scores 0, and says which task fails first")
    void stub() throws Exception {
        scoresZero(grade(submission("stub")), "task 1", "not implemented yet");
    }

    @Test
    @DisplayName("no code at all: 0 of the full amount, not 0 of 0")
    void missing() throws Exception {
        Path s = submission("missing");
        dev.connectkit.exercises.tools.run.Folders.delete(s.resolve("exercises/" + EXERCISE + "/src"));
        scoresZero(grade(s), "no Java sources");
    }

    @Nested
    @DisplayName("the cheats")
    class Cheats {
        @Test
        @DisplayName("<skipTests> in the exercise's pom: the pom is the template's")
        void skipTests() throws Exception {
            Path s = submission("skip-tests");
            Kits.edit(s.resolve("exercises/" + EXERCISE + "/pom.xml"), "</project>",
                    "<properties><skipTests>true</skipTests><maven.test.skip>true</maven.test.skip></properties>\n</project>");
            scoresZero(grade(s), "ignored", "pom.xml");
        }

        @Test
        @DisplayName("a fake Surefire report and a fake cached result in target/ (even committed): never read")
        void fakeReports() throws Exception {
            Path s = submission("fake-reports");
            Path target = s.resolve("exercises/" + EXERCISE + "/target");
            Files.createDirectories(target.resolve("surefire-reports"));
            Files.writeString(target.resolve("surefire-reports/TEST-dev.connectkit.exercises.timeout.TimedConnectTest.xml"),
                    "<testsuite name=\"x\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\"><testcase name=\"a\"/>"
                            + "<testcase name=\"b\"/><testcase name=\"c\"/></testsuite>");
            Files.createDirectories(target.resolve("connectkit"));
            Files.writeString(target.resolve("connectkit/result.json"), "{\"fingerprint\":\"x\",\"run\":{\"@type\":\"Ran\","
                    + "\"tests\":[]}}");
            scoresZero(grade(s), "task 1");
        }

        @Test
        @DisplayName("the grader's own source edited to give full points: the tools are the template's")
        void editedGrader() throws Exception {
            Path s = submission("edited-grader");
            Path scoring = s.resolve("exercises/tools/src/main/java/dev/connectkit/exercises/tools/grade/Scoring.java");
            Kits.edit(scoring, "BigDecimal points = Grades.sum(", "BigDecimal points = spec.maxPoints(); BigDecimal unused = Grades.sum(");
            Grades.SubmissionGrade g = grader.grade(s, List.of(EXERCISE));
            scoresZero(g.exercises().getFirst(), "task 1");
            assertThat(g.ignored()).contains("exercises/tools/src/main/java/dev/connectkit/exercises/tools/grade/Scoring.java");
        }

        @Test
        @DisplayName("core edited so that the kernel tests are skipped: core is the template's")
        void editedCore() throws Exception {
            Path s = submission("edited-core");
            Kits.edit(s.resolve("core/src/main/java/dev/connectkit/posix/Sockets.java"), "package dev.connectkit.posix;",
                    "package dev.connectkit.posix; // every kernel test skipped, the student hoped");
            Grades.SubmissionGrade g = grader.grade(s, List.of(EXERCISE));
            scoresZero(g.exercises().getFirst(), "task 1");
            assertThat(g.ignored()).contains("core/src/main/java/dev/connectkit/posix/Sockets.java");
        }

        @Test
        @DisplayName("@Disabled on the tests and an edited manifest of hashes: the tests are the template's")
        void disabledTests() throws Exception {
            Path s = submission("disabled");
            Path test = s.resolve("exercises/" + EXERCISE + "/src/test/java/dev/connectkit/exercises/timeout/TimedConnectTest.java");
            String text = Files.readString(test).replace("@Test", "@org.junit.jupiter.api.Disabled @Test");
            Files.writeString(test, text);
            Files.writeString(s.resolve("exercises/pristine-tests.sha256"), "0000  " + EXERCISE + "/src/test/java/x\n");
            scoresZero(grade(s), "ignored", "src/test/java");
        }

        @Test
        @DisplayName("System.exit in the student's code: refused before any test runs")
        void systemExit() throws Exception {
            Path s = submission("exit");
            Kits.solve(s, EXERCISE);
            Kits.edit(s.resolve(SOURCE), "public static int connect(Sockets sockets, SockAddr.In server, Duration timeout)"
                    + " throws ErrnoException {", "public static int connect(Sockets sockets, SockAddr.In server, Duration"
                    + " timeout) throws ErrnoException {\n        if (timeout.isNegative()) { System.exit(0); }");
            scoresZero(grade(s), "TimedConnect.java", "System.exit", "Throw");
        }

        @Test
        @DisplayName("a student class shadowing a test helper (dev.connectkit.lab.Loopback): refused")
        void shadowingHelper() throws Exception {
            Path s = submission("shadow");
            Kits.solve(s, EXERCISE);
            Path helper = s.resolve("exercises/" + EXERCISE + "/src/main/java/dev/connectkit/lab/Loopback.java");
            Files.createDirectories(helper.getParent());
            Files.writeString(helper, "package dev.connectkit.lab;\npublic final class Loopback {\n}\n");
            scoresZero(grade(s), "dev.connectkit.lab.Loopback");
        }

        @Test
        @DisplayName("a student class standing in for a testkit class (dev.connectkit.exercises.testkit.Calls): refused")
        void shadowingTestkit() throws Exception {
            Path s = submission("shadow-testkit");
            Kits.solve(s, EXERCISE);
            Path fake = s.resolve("exercises/" + EXERCISE + "/src/main/java/dev/connectkit/exercises/testkit/Calls.java");
            Files.createDirectories(fake.getParent());
            Files.writeString(fake, "package dev.connectkit.exercises.testkit;\npublic final class Calls {\n}\n");
            scoresZero(grade(s), "dev.connectkit.exercises.testkit.Calls");
        }

        @Test
        @DisplayName("the testkit edited (every expected call missing): the tests' helpers are the template's")
        void editedTestkit() throws Exception {
            Path s = submission("edited-testkit");
            Kits.solve(s, EXERCISE);
            String calls = "exercises/testkit/src/main/java/dev/connectkit/exercises/testkit/Calls.java";
            Kits.edit(s.resolve(calls), "firstMissing(steps).ifPresent(", "java.util.Optional.of(steps[0]).ifPresent(");
            Grades.SubmissionGrade g = grader.grade(s, List.of(EXERCISE));
            assertThat(g.exercises().getFirst().points()).as("an honest solution, graded with the template's testkit")
                    .isEqualByComparingTo("30");
            assertThat(g.ignored()).contains(calls);
        }

        @Test
        @DisplayName("a student class named like the test class: refused")
        void shadowingTest() throws Exception {
            Path s = submission("shadow-test");
            Kits.solve(s, EXERCISE);
            Path fake = s.resolve("exercises/" + EXERCISE + "/src/main/java/dev/connectkit/exercises/timeout/TimedConnectTest.java");
            Files.writeString(fake, "package dev.connectkit.exercises.timeout;\nclass TimedConnectTest {\n}\n");
            scoresZero(grade(s), "TimedConnectTest");
        }

        @Test
        @DisplayName("a flood of output (2 MiB): stopped, 0")
        void hugeOutput() throws Exception {
            Path s = submission("flood");
            Kits.solve(s, EXERCISE);
            Kits.edit(s.resolve(SOURCE), "public static int connect(Sockets sockets, SockAddr.In server, Duration timeout)"
                    + " throws ErrnoException {", "public static int connect(Sockets sockets, SockAddr.In server, Duration"
                    + " timeout) throws ErrnoException {\n        for (int i = 0; i < 2048; i++) { System.out.println(\"x\".repeat(1024)); }");
            scoresZero(grade(s), "printed more than 1 MiB");
        }

        @Test
        @DisplayName("reflection (Class.forName into the test framework): refused")
        void reflection() throws Exception {
            Path s = submission("reflection");
            Kits.solve(s, EXERCISE);
            Kits.edit(s.resolve(SOURCE), "public static int connect(Sockets sockets, SockAddr.In server, Duration timeout)"
                    + " throws ErrnoException {", "public static int connect(Sockets sockets, SockAddr.In server, Duration"
                    + " timeout) throws ErrnoException {\n        try { Class.forName(\"org.junit.platform.launcher.core.LauncherFactory\"); }"
                    + " catch (ClassNotFoundException e) { throw new IllegalStateException(e); }");
            scoresZero(grade(s), "Class.forName");
        }

        @Test
        @DisplayName("a junit-platform.properties and an extension in src/main/resources: only src/main/java is read")
        void resources() throws Exception {
            Path s = submission("resources");
            Path resources = s.resolve("exercises/" + EXERCISE + "/src/main/resources");
            Files.createDirectories(resources.resolve("META-INF/services"));
            Files.writeString(resources.resolve("junit-platform.properties"),
                    "junit.jupiter.conditions.deactivate=*\njunit.jupiter.extensions.autodetection.enabled=true\n");
            Files.writeString(resources.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension"), "x.Pass\n");
            scoresZero(grade(s), "ignored", "junit-platform.properties");
        }

        @Test
        @DisplayName("a loop that never ends: stopped at the deadline, 0")
        void endless() throws Exception {
            Path s = submission("endless");
            Kits.solve(s, EXERCISE);
            Kits.edit(s.resolve(SOURCE), "public static int connect(Sockets sockets, SockAddr.In server, Duration timeout)"
                    + " throws ErrnoException {", "public static int connect(Sockets sockets, SockAddr.In server, Duration"
                    + " timeout) throws ErrnoException {\n        while (server != null) { Thread.onSpinWait(); }");
            scoresZero(grader.grade(s, List.of(EXERCISE), Duration.ofSeconds(2)).exercises().getFirst(),
                    "did not finish in time");
        }
    }

    @Test
    @DisplayName("a folder of submissions from a shell: one line per student, CSV, JSON, JUnit XML, a job summary")
    void folderOfSubmissions() throws Exception {
        Path honest = submission("alice");
        Kits.solve(honest, EXERCISE);
        Path stub = submission("bob");
        Path csv = dir.resolve("grades.csv");
        Path json = dir.resolve("grades.json");
        Path junit = dir.resolve("grades.xml");
        Path summary = dir.resolve("summary.md");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(template, new String[] {"grade", "--pristine", template.toString(), honest.toString(),
                stub.toString(), "--only", "04", "--csv", csv.toString(), "--json", json.toString(), "--junit",
                junit.toString(), "--summary", summary.toString(), "--lang", "en"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        System.clearProperty(dev.connectkit.i18n.Language.PROPERTY);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("alice").contains("30/30", "100%");
        assertThat(lines.get(1)).startsWith("bob").contains("0/30", "0%");
        assertThat(Files.readAllLines(csv)).containsExactly("submission,points,max,percent,04-connect-timeout,reasons",
                "alice,30,30,100,30,", Files.readAllLines(csv).get(2)).hasSize(3);
        assertThat(Files.readAllLines(csv).get(2)).startsWith("bob,0,30,0,0,\"04: task 1");
        JsonNode grades = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(grades.get("submissions").get(0).get("points").decimalValue()).isEqualByComparingTo("30");
        assertThat(grades.get("submissions").get(1).get("exercises").get(0).get("reason").asString()).contains("task 1");
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagName("failure").getLength()).isPositive();
        assertThat(Files.readString(summary)).contains("| 04-connect-timeout | 30/30 |", "bob: 0 of 30 points");
    }
}
