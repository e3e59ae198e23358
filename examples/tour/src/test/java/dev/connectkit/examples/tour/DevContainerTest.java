package dev.connectkit.examples.tour;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev container that gives a student on any laptop the full Linux kit. No Docker engine runs here, so the
 * build checks what it can: devcontainer.json follows the Dev Container specification's schema (a copy of the
 * spec's {@code devContainer.base.schema.json} lies beside it, so the check needs no network), and the container
 * installs the one list of packages ({@code packages.txt}; {@link KitWorkflowsTest} checks that CI uses it too).
 */
@DisplayName("the dev container")
class DevContainerTest {

    static final Path DIR = Kit.ROOT.resolve(".devcontainer");
    /** How the dev container, CI and the Pages workflow install the packages the kit needs. */
    static final String INSTALL = "bash .devcontainer/install-packages.sh";

    private static Schema schema() throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve("devContainer.base.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
        }
    }

    private static List<Error> errors(String json) throws IOException {
        return schema().validate(json, InputFormat.JSON);
    }

    @Test
    @DisplayName("devcontainer.json is valid against the Dev Container schema")
    void validAgainstTheSchema() throws IOException {
        assertThat(errors(Files.readString(DIR.resolve("devcontainer.json"))))
                .as("what the Dev Container schema says about .devcontainer/devcontainer.json").isEmpty();
    }

    @Test
    @DisplayName("the schema check rejects a misspelled property, a wrong type, and a container with no image")
    void theSchemaCheckCanFail() throws IOException {
        assertThat(errors("{\"image\": \"debian\", \"postCreateComand\": \"true\"}")).isNotEmpty();
        assertThat(errors("{\"image\": 25}")).isNotEmpty();
        assertThat(errors("{\"name\": \"connectkit\", \"postCreateCommand\": \"true\"}")).isNotEmpty();
    }

    @Test
    @DisplayName("it starts from a JDK 25 image and installs packages.txt: a C compiler, Chromium, Node.js, CJK fonts")
    void installsTheList() throws IOException {
        JsonNode config = JsonMapper.builder().build().readTree(Files.readString(DIR.resolve("devcontainer.json")));
        assertThat(config.path("image").asString()).as("the image").matches(".*/devcontainers/java:\\d+-25-.*");
        assertThat(config.path("postCreateCommand").asString()).as("the command run once it is created")
                .isEqualTo(INSTALL);
        assertThat(Files.readString(DIR.resolve("install-packages.sh")))
                .as("the install script").contains(".devcontainer/packages.txt");
        List<String> packages = Files.readAllLines(DIR.resolve("packages.txt")).stream()
                .map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0]).toList();
        // What the docs build needs besides the JDK: a C compiler, Chromium driven by Node.js, the CJK fonts.
        assertThat(packages).as(".devcontainer/packages.txt")
                .contains("gcc", "chromium", "nodejs", "npm", "fonts-noto-cjk", "fonts-droid-fallback");
    }
}
