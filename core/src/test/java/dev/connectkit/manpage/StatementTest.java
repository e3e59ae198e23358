package dev.connectkit.manpage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("the statement catalogue")
class StatementTest {

    @Test
    @DisplayName("quotes the seed verbatim: every statement's Chinese text is in connect.zh.md")
    void chineseTextIsVerbatimFromTheSeed() throws IOException {
        Path seed = Path.of(System.getProperty("connectkit.seed", "../../shared/seed/connect.zh.md"));
        assumeTrue(Files.exists(seed), "the seed is not beside this checkout: " + seed);
        String text = String.join("\n", Files.readAllLines(seed));
        for (Statement s : Statement.values()) {
            assertThat(text).as("%s's Chinese text appears in the seed", s.id()).contains(s.zh());
        }
    }

    @Test
    @DisplayName("numbers fourteen statements S-01 to S-14, each with an English statement and a title")
    void idsAreDense() {
        assertThat(Arrays.stream(Statement.values()).map(Statement::id))
                .containsExactly("S-01", "S-02", "S-03", "S-04", "S-05", "S-06", "S-07", "S-08", "S-09", "S-10",
                        "S-11", "S-12", "S-13", "S-14");
        for (Statement s : Statement.values()) {
            assertThat(s.en()).isNotBlank();
            assertThat(s.title()).isNotBlank();
            assertThat(Statement.byId(s.id())).isSameAs(s);
        }
    }
}
