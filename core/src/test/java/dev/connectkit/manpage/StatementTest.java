package dev.connectkit.manpage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the statement catalogue")
class StatementTest {
    /**
     * The SHA-256 of the seed man page as the kit received it (3,081 bytes). The kit's copy must stay that
     * document byte for byte: the translation, the statements and the docs all point into it by line.
     */
    private static final String SEED_SHA_256 = "afc7198f79250e6b9fafdf43de483e35f53a33fe6f94453c31eda0a3834d75ba";

    @Test
    @DisplayName("carries the seed man page byte for byte")
    void seedIsAnExactCopy() throws NoSuchAlgorithmException {
        byte[] bytes = Statement.seedText().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(3081);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .as("SHA-256 of the kit's copy of connect.zh.md").isEqualTo(SEED_SHA_256);
    }

    @Test
    @DisplayName("quotes the seed verbatim: every statement's Chinese text is in connect.zh.md")
    void chineseTextIsVerbatimFromTheSeed() {
        String seed = Statement.seedText();
        for (Statement s : Statement.values()) {
            assertThat(seed).as("%s's Chinese text appears in the seed", s.id()).contains(s.zh());
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
