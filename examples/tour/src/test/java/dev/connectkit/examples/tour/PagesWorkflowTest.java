package dev.connectkit.examples.tour;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow that publishes the docs site to GitHub Pages (.github/workflows/pages.yml) cannot run here; what
 * can be checked is that it builds the same site as everyone: the README's {@code ./mvnw -B verify}, in the dev
 * container's image, publishing the folder the docs module writes; and that every action is pinned to a commit.
 */
@DisplayName("the GitHub Pages workflow")
class PagesWorkflowTest {

    private static JsonNode workflow() throws IOException {
        return YAMLMapper.builder().build()
                .readTree(Files.readString(ReadmeTest.ROOT.resolve(".github/workflows/pages.yml")));
    }

    @Test
    @DisplayName("builds with ./mvnw -B verify in the dev container's image and publishes docs/target/site")
    void buildsTheSameSite() throws IOException {
        JsonNode build = workflow().path("jobs").path("build");
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
        assertThat(runs).as("the build job's commands").contains("bash .ci/install-packages.sh", "./mvnw -B verify");
        assertThat(published).as("the folder published").isEqualTo("docs/target/site");
        assertThat(Files.readString(ReadmeTest.ROOT.resolve("docs/pom.xml")))
                .as("the docs module writes the site there")
                .contains("<outputDirectory>${project.build.directory}/site</outputDirectory>");
    }

    @Test
    @DisplayName("pins every action to a full commit id")
    void pinsEveryAction() throws IOException {
        List<String> actions = new ArrayList<>();
        for (JsonNode job : workflow().path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.has("uses")) {
                    actions.add(step.path("uses").asString());
                }
            }
        }
        assertThat(actions).isNotEmpty().allMatch(uses -> uses.matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"),
                "owner/name@<40 hex digits>");
    }
}
