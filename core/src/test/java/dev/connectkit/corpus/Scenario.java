package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Sockets;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One connect()-centred scenario taken from another project's test suite: its id, where it comes from, the Linux
 * outcome that source asserts (in a sentence, and as the exact observations the body must write on Linux), what
 * it needs that some backend lacks, and the body, written on the kit's API.
 *
 * <p>The expected observations hold the source's assertions and the few extra observations the port adds to make
 * them visible (a name, SO_ERROR); every line is checked on the real kernel, so none is taken on trust.
 */
record Scenario(String id, Source source, String asserts, List<String> expected, Set<Capability> needs, Body body) {

    /** The scenario's program, on any backend. */
    @FunctionalInterface
    interface Body {
        void run(Sockets s, Observations o) throws Exception;
    }

    Scenario {
        Objects.requireNonNull(id);
        Objects.requireNonNull(source);
        expected = List.copyOf(expected);
        needs = needs.isEmpty() ? Set.of() : Set.copyOf(needs);
    }

    /** Starts a scenario: {@code named("gvisor:BlockingConnectRefused").from(...).asserts(...)...}. */
    static Builder named(String id) {
        return new Builder(id);
    }

    @Override
    public String toString() {
        return id;
    }

    /** Collects a scenario's parts in the order they read best. */
    static final class Builder {
        private final String id;
        private Source source;
        private String asserts;
        private List<String> expected;
        private final Set<Capability> needs = EnumSet.noneOf(Capability.class);

        private Builder(String id) {
            this.id = id;
        }

        Builder from(Suite suite, String file, String test) {
            this.source = new Source(suite, file, test);
            return this;
        }

        /** The outcome the source asserts, in one sentence. */
        Builder asserts(String sentence) {
            this.asserts = sentence;
            return this;
        }

        /** The observations Linux gives, one per line (a text block reads best). */
        Builder expect(String lines) {
            this.expected = lines.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return this;
        }

        Builder needs(Capability... capabilities) {
            needs.addAll(List.of(capabilities));
            return this;
        }

        Scenario body(Body body) {
            return new Scenario(id, source, Objects.requireNonNull(asserts, id + ": asserts"),
                    Objects.requireNonNull(expected, id + ": expect"), needs, body);
        }
    }
}
