package dev.connectkit.posix;

import dev.connectkit.sim.SimNetwork;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.ConnectErrors.Backend;
import dev.connectkit.posix.ConnectErrors.Elsewhere;
import dev.connectkit.posix.ConnectErrors.PosixClass;
import dev.connectkit.posix.ConnectErrors.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue's sentences exist in both languages, and nothing else is in its bundles. */
@DisplayName("the catalogue of connect() errors")
class ConnectErrorsTest {

    /** One bundle file's own keys and values (a bundle's getKeys() would include its parent's and hide a gap). */
    static Properties file(String resource) throws IOException {
        try (InputStream in = ConnectErrors.class.getModule().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    /** The keys the catalogue reads in {@code language}. */
    static List<String> keysRead(Language language) {
        List<String> keys = new ArrayList<>();
        for (Row row : ConnectErrors.ROWS) {
            keys.add(row.errno().name() + ".linux");
            for (Backend backend : Backend.values()) {
                switch (row.on(backend)) {
                    case Elsewhere.OwnCase ignored -> keys.add(backend.label() + "." + row.errno().name());
                    case Elsewhere.CannotSetUp ignored -> keys.add(backend.label() + "." + row.errno().name());
                    case Elsewhere.Lacks(Capability c) -> keys.add("lacks." + backend.label() + "." + c.name());
                    case Elsewhere.Same ignored -> {
                    }
                    case Elsewhere.NoCase ignored -> {
                    }
                    case Elsewhere.AsTheKernel ignored -> {
                    }
                }
            }
        }
        // Every refusal a backend gives is read from here too (the capabilities table shows them all).
        try (Sockets nio = Sockets.nio(); Sockets sim = SimNetwork.create().open()) {
            for (Capability c : Capability.values()) {
                if (!nio.supports(c)) {
                    keys.add("lacks.nio." + c.name());
                }
                if (!sim.supports(c)) {
                    keys.add("lacks.sim." + c.name());
                }
            }
        }
        if (language != Language.EN) { // the English of these lives in the code: Errno.whenConnect(), Capability.what()
            Arrays.stream(Errno.values()).forEach(e -> keys.add("when." + e.name()));
            Arrays.stream(Capability.values()).forEach(c -> keys.add("what." + c.name()));
        }
        return keys.stream().distinct().toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    @DisplayName("each language's file holds exactly the sentences the catalogue reads, none blank")
    void exactlyTheKeysRead(Language language) throws IOException {
        String resource = ConnectErrors.BUNDLE.replace('.', '/') + (language == Language.EN ? "" : "_" + language.tag())
                + ".properties";
        Properties p = file(resource);
        assertThat(p.stringPropertyNames()).as(resource).containsExactlyInAnyOrderElementsOf(keysRead(language));
        for (String key : p.stringPropertyNames()) {
            assertThat(p.getProperty(key)).as("%s: %s", resource, key).isNotBlank().doesNotContain("地址簇");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    @DisplayName("every errno and every capability reads in each language; the Chinese is not the English")
    void everyErrnoReads(Language language) {
        for (Errno errno : Errno.values()) {
            String when = ConnectErrors.whenConnect(errno, language);
            assertThat(when).as(errno.name()).isNotBlank();
            if (language == Language.ZH) {
                assertThat(when).as(errno.name()).isNotEqualTo(errno.whenConnect()).containsPattern("\\p{IsHan}");
            }
            ConnectErrors.row(errno).ifPresent(row -> assertThat(row.linux(language)).isNotBlank());
        }
        for (Capability c : Capability.values()) {
            assertThat(ConnectErrors.what(c, language)).as(c.name()).isNotBlank();
        }
    }

    @Test
    @DisplayName("an errno POSIX does not list for connect() has no row and is NOT_LISTED")
    void notListed() {
        assertThat(ConnectErrors.row(Errno.EPIPE)).isEmpty();
        assertThat(ConnectErrors.posix(Errno.EPIPE)).isEqualTo(PosixClass.NOT_LISTED);
        assertThat(ConnectErrors.posix(Errno.EAGAIN)).as("Linux's, not POSIX's").isEqualTo(PosixClass.NOT_LISTED);
        assertThat(ConnectErrors.posix(Errno.ECONNREFUSED)).isEqualTo(PosixClass.SHALL);
        assertThat(ConnectErrors.posix(Errno.ENOENT)).isEqualTo(PosixClass.SHALL_AF_UNIX);
        assertThat(ConnectErrors.posix(Errno.EACCES)).isEqualTo(PosixClass.MAY);
    }

    @Test
    @DisplayName("only a backend's own case or a case it cannot set up has a sentence of its own")
    void sentences() {
        Row loop = ConnectErrors.row(Errno.ELOOP).orElseThrow();
        assertThat(loop.sentence(Backend.SIM, Language.EN)).contains("symbolic links");
        assertThatThrownBy(() -> loop.sentence(Backend.NIO, Language.EN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ELOOP on nio");
    }
}
