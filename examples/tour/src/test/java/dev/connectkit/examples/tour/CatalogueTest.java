package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.testing.Runs;
import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the catalogue")
class CatalogueTest {

    @Test
    @DisplayName("finds the six examples of this module in tour order, and the benchmark through ServiceLoader")
    void findsEveryExample() {
        Catalogue catalogue = Catalogue.load();
        assertThat(catalogue.tour()).extracting(Example::name).containsExactly("tcp-client", "udp-peer-address",
                "nonblocking-connect", "connect-timeout", "interrupted-connect", "unix-domain");
        assertThat(catalogue.others()).extracting(Example::name)
                .isEqualTo(Runs.benchmarkPresent() ? List.of("connect-fanout") : List.of());
    }

    @Test
    @DisplayName("each descriptor: a unique name and order, statements, a class of its own package, a summary in both languages")
    void descriptorsAreComplete() {
        List<Example> tour = Catalogue.load().tour();
        assertThat(tour).extracting(Example::name).doesNotHaveDuplicates();
        assertThat(tour).extracting(e -> Descriptor.of(e.getClass().getPackageName()).order()).doesNotHaveDuplicates();
        for (Example e : tour) {
            assertThat(e.statements()).as(e.name()).isNotEmpty();
            assertThat(e.summary(Language.EN)).as(e.name()).isNotBlank().isNotEqualTo(e.summary(Language.ZH));
            assertThat(e.summary(Language.ZH)).as(e.name()).isNotBlank();
            assertThat(e.usage()).as(e.name()).startsWith("[-h] [--simulated]");
        }
    }
}
