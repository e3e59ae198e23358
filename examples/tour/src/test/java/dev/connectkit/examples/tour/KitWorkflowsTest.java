package dev.connectkit.examples.tour;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The kit's own automation, which cannot run here: {@code .ci/run} and the workflow that publishes the docs site to
 * GitHub Pages. What can be checked is that both do what a newcomer does, on the machine the dev container
 * describes: the README's {@code ./mvnw -B verify}, after the dev container's packages; that Pages publishes the
 * folder the docs module writes; and that every action is pinned to a commit. A student handout leaves these
 * files out: there the checks are not generated.
 */
@DisplayName("the kit's CI and Pages workflow")
class KitWorkflowsTest {

    @TestFactory
    @DisplayName("build what a newcomer builds")
    Stream<DynamicTest> workflows() {
        if (!Kit.isTheKit()) {
            return Stream.empty();
        }
        return Stream.of(
                dynamicTest(".ci/run installs the dev container's packages and runs the README's two commands",
                        KitWorkflowsTest::ciRunsTheReadmeCommands),
                dynamicTest("Pages builds with ./mvnw -B verify in the dev container's image and publishes"
                        + " docs/target/site", KitWorkflowsTest::pagesBuildsTheSameSite),
                dynamicTest("Pages pins every action to a full commit id", KitWorkflowsTest::pagesPinsEveryAction));
    }

    static void ciRunsTheReadmeCommands() throws IOException {
        List<String> lines = Files.readAllLines(Kit.ROOT.resolve(".ci/run")).stream().map(String::strip).toList();
        assertThat(lines).as(".ci/run").contains(DevContainerTest.INSTALL)
                .anyMatch(line -> line.startsWith("./mvnw -B verify "))
                .anyMatch(line -> line.contains("./connectkit >"));
    }

    static void pagesBuildsTheSameSite() throws IOException {
        JsonNode build = pages().path("jobs").path("build");
        JsonNode devcontainer = JsonMapper.builder().build()
                .readTree(Files.readString(DevContainerTest.DIR.resolve("devcontainer.json")));
        assertThat(build.path("container").asString()).as("the build job's container")
                .isEqualTo(devcontainer.path("image").asString());
        List<String> runs = new ArrayList<>();
        String published = null;
        for (JsonNode step : build.path("steps")) {
            runs.add(step.path("run").asString(""));
            if (step.path("uses").asString("").startsWith("actions/upload-pages-artifact@")) {
                published = step.path("with").path("path").asString();
            }
        }
        assertThat(runs).as("the build job's commands")
                .containsSubsequence(DevContainerTest.INSTALL, "./mvnw -B verify");
        assertThat(published).as("the folder published").isEqualTo("docs/target/site");
        assertThat(Files.readString(Kit.ROOT.resolve("docs/pom.xml"))).as("the docs module writes the site there")
                .contains("<outputDirectory>${project.build.directory}/site</outputDirectory>");
    }

    static void pagesPinsEveryAction() throws IOException {
        List<String> actions = new ArrayList<>();
        for (JsonNode job : pages().path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.has("uses")) {
                    actions.add(step.path("uses").asString());
                }
            }
        }
        assertThat(actions).isNotEmpty().allMatch(uses -> uses.matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"),
                "owner/name@<40 hex digits>");
    }

    private static JsonNode pages() throws IOException {
        return YAMLMapper.builder().build().readTree(Files.readString(Kit.ROOT.resolve(".github/workflows/pages.yml")));
    }
}
