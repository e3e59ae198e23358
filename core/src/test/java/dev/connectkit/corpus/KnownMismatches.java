package dev.connectkit.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ratchet: the checked-in list of (scenario, backend) pairs that disagree with Linux today, each with the
 * issue-12 bullet it belongs to and the difference in one line. A mismatch not on the list fails the build; so
 * does a listed pair that agrees now, so whoever fixes a bug deletes its line and the list only shrinks.
 *
 * <p>Format of {@value #RESOURCE}: one entry a line, four fields separated by {@code |}:
 * <pre>{@code scenario id | backend | bullet id | what differs}</pre>
 * (the last field may itself contain {@code |}).
 * Blank lines and lines starting with {@code #} are comments.
 */
final class KnownMismatches {
    static final String RESOURCE = "known-mismatches.txt";
    /** Where the file lives in the source tree, for the messages that ask to edit it. */
    static final String SOURCE_PATH = "core/src/test/resources/dev/connectkit/corpus/" + RESOURCE;

    /** One line of the list. */
    record Entry(String scenario, Backend backend, Bullet bullet, String difference, int line) {
    }

    private final Map<String, Entry> entries;

    private KnownMismatches(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Reads the checked-in list; a malformed line fails with its line number. */
    static KnownMismatches load() {
        try (InputStream in = KnownMismatches.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE_PATH + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KnownMismatches parse(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", 4); // the difference may contain "|" itself
            if (fields.length != 4) {
                throw malformed(number, "expected 4 fields separated by '|', found " + fields.length);
            }
            String scenario = fields[0].strip();
            Backend backend = Backend.ofLabel(fields[1].strip())
                    .orElseThrow(() -> malformed(number, "unknown backend '" + fields[1].strip() + "'"));
            Bullet bullet = Bullet.ofId(fields[2].strip())
                    .orElseThrow(() -> malformed(number, "unknown bullet '" + fields[2].strip() + "'"));
            String difference = fields[3].strip();
            if (scenario.isEmpty() || difference.isEmpty()) {
                throw malformed(number, "the scenario id and the difference must not be empty");
            }
            if (!bullet.id().startsWith(backend.label() + "-")) {
                throw malformed(number, "a " + backend.label() + " mismatch must name a " + backend.label()
                        + " bug, not " + bullet.id());
            }
            Entry previous = entries.put(key(scenario, backend), new Entry(scenario, backend, bullet, difference, number));
            if (previous != null) {
                throw malformed(number, "the same pair is already listed on line " + previous.line());
            }
        }
        return new KnownMismatches(entries);
    }

    /**
     * Checks that every entry names a scenario of the corpus and a backend it runs on.
     *
     * @throws IllegalStateException naming the stale lines
     */
    void checkAgainst(Collection<Scenario> corpus) {
        Map<String, Scenario> byId = corpus.stream().collect(Collectors.toMap(Scenario::id, s -> s));
        List<String> problems = new ArrayList<>();
        for (Entry e : entries.values()) {
            Scenario s = byId.get(e.scenario());
            if (s == null) {
                problems.add("line " + e.line() + ": no scenario '" + e.scenario() + "'");
            } else if (e.backend().unavailableReason().isEmpty() && !e.backend().lacks(s).isEmpty()) {
                problems.add("line " + e.line() + ": " + e.scenario() + " is not applicable on " + e.backend().label()
                        + ", so it cannot mismatch there");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(SOURCE_PATH + ": " + String.join("; ", problems));
        }
    }

    Optional<Entry> find(String scenario, Backend backend) {
        return Optional.ofNullable(entries.get(key(scenario, backend)));
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    private static String key(String scenario, Backend backend) {
        return scenario + "|" + backend.label();
    }

    private static IllegalStateException malformed(int line, String why) {
        return new IllegalStateException(SOURCE_PATH + " line " + line + ": " + why);
    }
}
