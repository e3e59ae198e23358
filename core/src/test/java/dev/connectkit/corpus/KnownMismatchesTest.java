package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ratchet itself: how the list is read, and the verdict each combination of run and list gives. */
@DisplayName("the list of known mismatches")
class KnownMismatchesTest {

    private static final Scenario SCENARIO = Scenario.named("gvisor:Example")
            .from(Suite.GVISOR, "tcp_socket.cc", "Example")
            .asserts("an example")
            .expect("""
                    connect = -1 ECONNREFUSED
                    """)
            .body((s, o) -> {
            });

    /** A bug the list may name, whichever is still open: the tests are about the list, not about one bug. */
    private static final Bullet BUG = java.util.Arrays.stream(Bullet.values())
            .filter(b -> b.id().startsWith("nio-")).findFirst().orElseThrow();

    private static Runner.Run run(String... observations) {
        return new Runner.Run(List.of(observations), null, null, Duration.ZERO);
    }

    @Nested
    @DisplayName("a verdict")
    class Verdicts {
        private final KnownMismatches listed = KnownMismatches.parse(
                "gvisor:Example | nio | " + BUG.id() + " | connect = 0 (Linux: -1 ECONNREFUSED)\n");
        private final KnownMismatches empty = KnownMismatches.parse("");

        @Test
        @DisplayName("passes when the backend writes Linux's observations and the pair is not listed")
        void pass() {
            Verdict v = Verdict.judge(SCENARIO, Backend.NIO, run("connect = -1 ECONNREFUSED"),
                    empty.find(SCENARIO.id(), Backend.NIO));
            assertThat(v.status()).isEqualTo(Verdict.Status.PASS);
            assertThat(v.acceptable()).isTrue();
        }

        @Test
        @DisplayName("fails the build on a difference nobody listed, naming the first observation that differs")
        void newMismatch() {
            Verdict v = Verdict.judge(SCENARIO, Backend.NIO, run("connect = 0"), empty.find(SCENARIO.id(), Backend.NIO));
            assertThat(v.status()).isEqualTo(Verdict.Status.NEW_MISMATCH);
            assertThat(v.acceptable()).isFalse();
            assertThat(v.difference())
                    .isEqualTo("observation 1: expected «connect = -1 ECONNREFUSED», got «connect = 0»");
        }

        @Test
        @DisplayName("accepts a listed difference")
        void knownMismatch() {
            Verdict v = Verdict.judge(SCENARIO, Backend.NIO, run("connect = 0"), listed.find(SCENARIO.id(), Backend.NIO));
            assertThat(v.status()).isEqualTo(Verdict.Status.KNOWN_MISMATCH);
            assertThat(v.acceptable()).isTrue();
            assertThat(v.known().bullet()).isEqualTo(BUG);
        }

        @Test
        @DisplayName("fails the build when a listed pair agrees now, so the fixed line gets deleted")
        void fixedButListed() {
            Verdict v = Verdict.judge(SCENARIO, Backend.NIO, run("connect = -1 ECONNREFUSED"),
                    listed.find(SCENARIO.id(), Backend.NIO));
            assertThat(v.status()).isEqualTo(Verdict.Status.FIXED_BUT_LISTED);
            assertThat(v.acceptable()).isFalse();
        }

        @Test
        @DisplayName("counts a missing or an extra observation as a difference")
        void lengths() {
            assertThat(Verdict.firstDifference(List.of("a", "b"), List.of("a")))
                    .contains("observation 2: expected «b», got nothing");
            assertThat(Verdict.firstDifference(List.of("a"), List.of("a", "! threw java.lang.ClassCastException")))
                    .contains("observation 2: expected nothing, got «! threw java.lang.ClassCastException»");
        }
    }

    @Nested
    @DisplayName("the file")
    class File {
        @Test
        @DisplayName("reads comments, blank lines, and a difference that contains '|'")
        void reads() {
            KnownMismatches k = KnownMismatches.parse("""
                    # a comment

                    gvisor:Example | nio | nio-poll-err-hup | poll(POLLIN|POLLOUT) -> [] (Linux: [POLLERR, POLLHUP])
                    """);
            assertThat(k.entries()).singleElement().satisfies(e -> {
                assertThat(e.backend()).isEqualTo(Backend.NIO);
                assertThat(e.difference()).isEqualTo("poll(POLLIN|POLLOUT) -> [] (Linux: [POLLERR, POLLHUP])");
                assertThat(e.line()).isEqualTo(3);
            });
        }

        @Test
        @DisplayName("refuses a malformed line with its number")
        void malformed() {
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Example | nio | " + BUG.id()))
                    .hasMessageContaining("line 1").hasMessageContaining("4 fields");
            assertThatThrownBy(() -> KnownMismatches.parse("\ngvisor:Example | bsd | " + BUG.id() + " | x"))
                    .hasMessageContaining("line 2").hasMessageContaining("unknown backend 'bsd'");
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Example | sim | sim-typo | x"))
                    .hasMessageContaining("unknown bullet 'sim-typo'");
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Example | sim | " + BUG.id() + " | x"))
                    .hasMessageContaining("a sim mismatch must name a sim bug, not " + BUG.id());
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Example | nio | " + BUG.id() + " | x\n"
                    + "gvisor:Example | nio | " + BUG.id() + " | y\n"))
                    .hasMessageContaining("line 2").hasMessageContaining("already listed on line 1");
        }

        @Test
        @DisplayName("refuses a line for a scenario that does not exist, or for a pair that is not applicable")
        void stale() {
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Gone | nio | " + BUG.id() + " | x")
                    .checkAgainst(List.of(SCENARIO)))
                    .hasMessageContaining("no scenario 'gvisor:Gone'");
            Scenario needsLength = Scenario.named("gvisor:Length").from(Suite.GVISOR, "udp_socket.cc", "Length")
                    .asserts("x").expect("x").needs(Capability.EXPLICIT_ADDRLEN).body((s, o) -> {
                    });
            assertThatThrownBy(() -> KnownMismatches.parse("gvisor:Length | nio | nio-poll-err-hup | x")
                    .checkAgainst(List.of(needsLength)))
                    .hasMessageContaining("not applicable on nio");
        }

        @Test
        @DisplayName("as checked in, names only scenarios of the corpus, and every bug it knows has a line")
        void checkedIn() {
            KnownMismatches k = KnownMismatches.load();
            k.checkAgainst(Corpus.scenarios());
            assertThat(k.entries().stream().map(KnownMismatches.Entry::bullet).distinct())
                    .as("bugs in Bullet with no line left in the list: fixed, so delete them from Bullet too")
                    .containsExactlyInAnyOrder(Bullet.values());
        }
    }

    @Test
    @DisplayName("the corpus: at least 60 scenarios, unique ids that name their suite, each with expectations")
    void corpus() {
        List<Scenario> all = Corpus.scenarios();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        for (Scenario s : all) {
            String prefix = switch (s.source().suite()) {
                case GVISOR -> "gvisor:";
                case LTP -> "ltp:";
                case OPENJDK -> "jdk:";
            };
            assertThat(s.id()).as("the id of %s", s.source()).startsWith(prefix);
            assertThat(s.expected()).as("%s's Linux observations", s.id()).isNotEmpty();
        }
        assertThat(all.stream().map(s -> s.source().suite()).distinct().toList())
                .containsExactlyInAnyOrder(Suite.values());
        assertThat(Set.copyOf(all.stream().map(Scenario::id).toList())).hasSize(all.size());
    }
}
