package dev.connectkit.exercises.tools;

import dev.connectkit.exercises.tools.handout.Handout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a student gets, and what not. */
@DisplayName("the handout")
@Timeout(120)
class HandoutTest {
    @TempDir
    static Path dir;
    static Path handout;
    static List<String> files;

    @BeforeAll
    static void build() throws Exception {
        handout = Kits.handout(dir, "connectkit");
        files = Handout.files(handout);
    }

    @Test
    @DisplayName("leaves out the solutions, the gate, the fan-out example and benchmark (exercise 07's answer), the tools' tests, CI")
    void leavesOutAnswers() {
        assertThat(files).noneMatch(f -> f.matches("exercises/[^/]+/solution/.*"))
                .noneMatch(f -> f.startsWith("exercises/gate/"))
                .noneMatch(f -> f.startsWith("examples/connect-fanout/"))
                .noneMatch(f -> f.startsWith("bench/"))
                .noneMatch(f -> f.startsWith("exercises/tools/src/test/"))
                .noneMatch(f -> f.startsWith(".ci/"));
        assertThat(files).noneMatch(f -> f.contains("dev/connectkit/examples/fanout/"));
    }

    @Test
    @DisplayName("keeps what a student and the build need: core with the man page, examples, docs, every exercise"
            + " and the testkit their tests share")
    void keepsTheKit() throws Exception {
        assertThat(files).contains("connectkit", "mvnw", "pom.xml", "core/pom.xml",
                "core/src/main/resources/dev/connectkit/manpage/connect.zh.md", "docs/pom.xml", "examples/tour/pom.xml",
                "exercises/pom.xml", "exercises/tools/pom.xml", ".github/workflows/classroom.yml",
                "exercises/testkit/pom.xml", "exercises/testkit/src/main/java/dev/connectkit/exercises/testkit/Messages.java",
                "exercises/testkit/src/main/resources/dev/connectkit/exercises/testkit/messages_zh.properties");
        assertThat(Files.readString(handout.resolve("exercises/pom.xml"))).contains("<module>testkit</module>");
        assertThat(Files.readString(handout.resolve("exercises/tools/pom.xml")))
                .contains("<artifactId>connectkit-exercises-testkit</artifactId>");
        for (String exercise : List.of("01-tcp-client", "04-connect-timeout", "08-happy-eyeballs")) {
            assertThat(files).contains("exercises/" + exercise + "/README.md", "exercises/" + exercise
                    + "/exercise.properties");
            assertThat(files).anyMatch(f -> f.startsWith("exercises/" + exercise + "/src/test/java/"));
            assertThat(files).anyMatch(f -> f.startsWith(".connectkit/stubs/" + exercise + "/src/main/java/"));
        }
        assertThat(handout.resolve("connectkit")).isExecutable();
        assertThat(handout.resolve("mvnw")).isExecutable();
    }

    @Test
    @DisplayName("has its own README, in English and Chinese, naming the student's commands and no instructor's thing")
    void studentReadme() throws Exception {
        for (String name : List.of("README.md", "README.zh.md")) {
            String readme = Files.readString(handout.resolve(name));
            assertThat(readme).as(name).contains("./connectkit progress", "./connectkit test 04", "./connectkit hint 04",
                    "./connectkit reset 04", "./mvnw verify");
            assertThat(readme.toLowerCase()).as(name).doesNotContain("solution", "gate", "grade --pristine")
                    .as("no path outside the handout").doesNotContainPattern("\\.\\./[a-z]");
        }
        assertThat(Files.readString(handout.resolve("README.md"))).isNotEqualTo(Files.readString(Kits.kit()
                .resolve("README.md")));
    }

    @Test
    @DisplayName("every module a pom names exists, and no pom or docs page names what was left out")
    void buildsWithoutWhatWasLeftOut() throws Exception {
        Pattern module = Pattern.compile("<module>([^<]+)</module>");
        for (String pom : files.stream().filter(f -> f.endsWith("pom.xml")).toList()) {
            Path file = handout.resolve(pom);
            Matcher m = module.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(file.getParent().resolve(m.group(1)).resolve("pom.xml")).as("%s names %s", pom, m.group(1))
                        .exists();
            }
            assertThat(Files.readString(file)).as(pom).doesNotContain("<module>connect-fanout</module>",
                    "<artifactId>connectkit-example-connect-fanout</artifactId>", "<module>gate</module>", "/solution</module>",
                    "<module>bench</module>", "<artifactId>connectkit-bench</artifactId>");
        }
        for (String page : files.stream().filter(f -> f.startsWith("docs/") && f.endsWith(".adoc")).toList()) {
            assertThat(Files.readString(handout.resolve(page))).as(page).doesNotContain("{fanout}");
        }
        Path nav = handout.resolve("docs/src/docs/asciidoc/_nav.adoc");
        if (Files.exists(nav)) {
            for (Matcher m = Pattern.compile("href=\"([^\"#]+)\\.html").matcher(Files.readString(nav)); m.find(); ) {
                assertThat(handout.resolve("docs/src/docs/asciidoc").resolve(m.group(1) + ".adoc"))
                        .as("the nav links to %s", m.group(1)).exists();
            }
        }
    }

    @Test
    @DisplayName("its Classroom workflow grades with the template's tools, fails without a template, always reports")
    void classroomWorkflow() throws Exception {
        String workflow = Files.readString(handout.resolve(".github/workflows/classroom.yml"));
        assertThat(workflow).contains("name: Autograding Tests\n", "    name: Autograding Tests\n",
                "vars.CONNECTKIT_TEMPLATE_REPOSITORY", "exit 1", "secrets.CONNECTKIT_TEMPLATE_TOKEN",
                "template/connectkit grade --pristine template submission", "--summary \"$GITHUB_STEP_SUMMARY\"",
                "classroom-resources/autograding-grading-reporter@v1", "CONNECTKIT_RESULTS:", "runners: connectkit");
        assertThat(workflow.split("if: always\\(\\)", -1)).as("steps that run even when grading failed").hasSize(3);
        assertThat(workflow).as("nothing runs the student's own launcher").doesNotContain("./connectkit",
                "submission/connectkit");
    }

    @Test
    @DisplayName("the stubs it keeps for reset are the exercises' stubs, byte for byte")
    void stubs() throws Exception {
        Path kept = handout.resolve(".connectkit/stubs/04-connect-timeout/src/main/java/dev/connectkit/exercises/timeout"
                + "/TimedConnect.java");
        assertThat(kept).hasSameBinaryContentAs(Kits.kit().resolve(
                "exercises/04-connect-timeout/src/main/java/dev/connectkit/exercises/timeout/TimedConnect.java"));
    }
}
