package dev.connectkit.corpus;

import dev.connectkit.i18n.Language;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * Writes what a corpus run found: {@code target/conformance/corpus.json} (every scenario, its source, each
 * backend's verdict and observations, the counts) and the docs fragments {@code corpus.adoc} and
 * {@code corpus.zh.adoc} (the counts in a sentence, the table, the cases not ported), whose words come from the
 * {@code CorpusReport} resource bundles.
 */
final class CorpusReport {
    private static final String BUNDLE = "dev.connectkit.corpus.CorpusReport";

    private CorpusReport() {
    }

    /** The counts the issue asks for, computed from the verdicts. */
    record Counts(int scenarios, int suites, int nativeRun, int nativeEqualsSource, int simRun, int simEqualsNative,
                  int nioRun, int nioEqualsNative, int nioNotApplicable, Map<Backend, Integer> knownByBackend,
                  Map<Bullet, Integer> knownByBullet) {

        static Counts of(Results results) {
            int nativeRun = 0;
            int nativePass = 0;
            int simRun = 0;
            int simSame = 0;
            int nioRun = 0;
            int nioSame = 0;
            int nioNa = 0;
            Map<Backend, Integer> byBackend = new EnumMap<>(Backend.class);
            Map<Bullet, Integer> byBullet = new EnumMap<>(Bullet.class);
            for (Scenario s : results.scenarios()) {
                Map<Backend, Verdict> v = results.verdicts(s.id());
                Verdict kernel = v.get(Backend.NATIVE);
                if (ran(kernel)) {
                    nativeRun++;
                    nativePass += kernel.status() == Verdict.Status.PASS ? 1 : 0;
                }
                if (ran(v.get(Backend.SIM))) {
                    simRun++;
                    simSame += agreesWithLinux(v.get(Backend.SIM)) ? 1 : 0;
                }
                Verdict nio = v.get(Backend.NIO);
                if (nio != null && nio.status() == Verdict.Status.NOT_APPLICABLE) {
                    nioNa++;
                } else if (ran(nio)) {
                    nioRun++;
                    nioSame += agreesWithLinux(nio) ? 1 : 0;
                }
                for (Verdict each : v.values()) {
                    if (each.status() == Verdict.Status.KNOWN_MISMATCH) {
                        byBackend.merge(each.backend(), 1, Integer::sum);
                        byBullet.merge(each.known().bullet(), 1, Integer::sum);
                    }
                }
            }
            int suites = (int) results.scenarios().stream().map(s -> s.source().suite()).distinct().count();
            return new Counts(results.scenarios().size(), suites, nativeRun, nativePass, simRun, simSame, nioRun,
                    nioSame, nioNa, byBackend, byBullet);
        }

        private static boolean ran(Verdict v) {
            return v != null && v.run() != null;
        }

        /**
         * Whether a backend wrote Linux's observations, line by line. Native writes them in every scenario but those
         * with a listed native bug, so this is "= native" wherever native is right, and "= Linux" where it is not.
         */
        private static boolean agreesWithLinux(Verdict backend) {
            return backend.status() == Verdict.Status.PASS;
        }
    }

    static void write(Results results, List<Corpus.NotPorted> notPorted, KnownMismatches known) throws IOException {
        Path reports = Path.of(System.getProperty("connectkit.reportDir", "target/conformance"));
        Path docs = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(reports);
        Files.createDirectories(docs);
        Counts counts = Counts.of(results);
        Files.writeString(reports.resolve("corpus.json"), json(results, notPorted, counts));
        Files.writeString(docs.resolve("corpus.adoc"), asciidoc(results, notPorted, counts, Language.EN));
        Files.writeString(docs.resolve("corpus.zh.adoc"), asciidoc(results, notPorted, counts, Language.ZH));
    }

    static String json(Results results, List<Corpus.NotPorted> notPorted, Counts counts) {
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = mapper.createObjectNode();
        root.put("generatedBy", "dev.connectkit.corpus.CorpusTest");
        ObjectNode c = root.putObject("counts");
        c.put("scenarios", counts.scenarios());
        c.put("nativeRun", counts.nativeRun());
        c.put("nativeEqualsSource", counts.nativeEqualsSource());
        c.put("simRun", counts.simRun());
        c.put("simEqualsNative", counts.simEqualsNative());
        c.put("nioRun", counts.nioRun());
        c.put("nioEqualsNative", counts.nioEqualsNative());
        c.put("nioNotApplicable", counts.nioNotApplicable());
        c.put("nioEqualsNativeOrFlagged", counts.nioEqualsNative() + counts.nioNotApplicable());
        ObjectNode byBackend = c.putObject("knownMismatchesByBackend");
        counts.knownByBackend().forEach((b, n) -> byBackend.put(b.label(), n));
        ObjectNode byBullet = c.putObject("knownMismatchesByBullet");
        counts.knownByBullet().forEach((b, n) -> byBullet.put(b.id(), n));

        ArrayNode scenarios = root.putArray("scenarios");
        for (Scenario s : results.scenarios()) {
            ObjectNode n = scenarios.addObject();
            n.put("id", s.id());
            ObjectNode src = n.putObject("source");
            src.put("repository", s.source().suite().repository());
            src.put("path", s.source().path());
            src.put("test", s.source().test());
            if (!s.source().suite().commit().isEmpty()) {
                src.put("commit", s.source().suite().commit());
            }
            n.put("asserts", s.asserts());
            ArrayNode expected = n.putArray("linux");
            s.expected().forEach(expected::add);
            ArrayNode needs = n.putArray("needs");
            s.needs().stream().sorted().forEach(cap -> needs.add(cap.name()));
            ObjectNode outcomes = n.putObject("backends");
            new TreeMap<>(results.verdicts(s.id())).forEach((backend, v) -> {
                ObjectNode o = outcomes.putObject(backend.label());
                o.put("status", v.status().label());
                if (v.reason() != null) {
                    o.put("reason", v.reason());
                }
                if (v.known() != null) {
                    o.put("bullet", v.known().bullet().id());
                }
                if (v.difference() != null) {
                    o.put("firstDifference", v.difference());
                }
                if (v.run() != null) {
                    o.put("millis", v.run().took().toMillis());
                    if (v.status() != Verdict.Status.PASS) {
                        ArrayNode seen = o.putArray("observations");
                        v.run().observations().forEach(seen::add);
                    }
                    if (v.run().failure() != null) {
                        o.put("failure", v.run().failure());
                    }
                }
            });
        }
        ArrayNode np = root.putArray("notPorted");
        for (Corpus.NotPorted p : notPorted) {
            ObjectNode n = np.addObject();
            n.put("repository", p.source().suite().repository());
            n.put("path", p.source().path());
            n.put("test", p.source().test());
            n.put("reason", p.reason());
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    static String asciidoc(Results results, List<Corpus.NotPorted> notPorted, Counts counts, Language language) {
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, language.bundleLocale());
        StringBuilder out = new StringBuilder();
        out.append("// Generated by CorpusReport from the corpus run; do not edit.\n");
        out.append(MessageFormat.format(words.getString("counts"), counts.scenarios(), counts.suites(),
                counts.nativeEqualsSource(), counts.nativeRun(),
                counts.knownByBackend().getOrDefault(Backend.NATIVE, 0), counts.simEqualsNative(), counts.simRun(),
                counts.knownByBackend().getOrDefault(Backend.SIM, 0), counts.nioEqualsNative(), counts.nioRun(),
                counts.nioNotApplicable(), counts.knownByBackend().getOrDefault(Backend.NIO, 0))).append("\n\n");

        out.append("[cols=\"3,4,2,3,3\",options=\"header\"]\n|===\n");
        out.append("|").append(words.getString("column.scenario"))
                .append(" |").append(words.getString("column.source"))
                .append(" |native |sim |nio\n");
        for (Scenario s : results.scenarios()) {
            Map<Backend, Verdict> v = results.verdicts(s.id());
            out.append("|`").append(s.id()).append("` |").append(s.source().suite().repository())
                    .append(" `").append(s.source().path()).append("` ").append(cell(s.source().test()));
            for (Backend b : Backend.values()) {
                out.append(" |").append(cell(status(v.get(b), words)));
            }
            out.append("\n");
        }
        out.append("|===\n");

        if (!counts.knownByBullet().isEmpty()) {
            out.append("\n.").append(words.getString("known.title")).append("\n");
            out.append("[cols=\"2,6,1\",options=\"header\"]\n|===\n");
            out.append("|").append(words.getString("column.bullet")).append(" |")
                    .append(words.getString("column.bug")).append(" |").append(words.getString("column.count"))
                    .append("\n");
            counts.knownByBullet().forEach((bullet, n) -> out.append("|`").append(bullet.id()).append("` |")
                    .append(cell(bullet.text())).append(bullet.inIssue() ? "" : " " + words.getString("known.new"))
                    .append(" |").append(n).append("\n"));
            out.append("|===\n");
        }

        if (!notPorted.isEmpty()) {
            out.append("\n.").append(words.getString("notPorted.title")).append("\n");
            out.append("[cols=\"4,5\",options=\"header\"]\n|===\n");
            out.append("|").append(words.getString("column.source")).append(" |")
                    .append(words.getString("column.reason")).append("\n");
            for (Corpus.NotPorted p : notPorted) {
                out.append("|").append(p.source().suite().repository()).append(" `").append(p.source().path())
                        .append("` ").append(cell(p.source().test())).append(" |").append(cell(p.reason()))
                        .append("\n");
            }
            out.append("|===\n");
        }
        return out.toString();
    }

    private static String status(Verdict v, ResourceBundle words) {
        if (v == null) {
            return words.getString("status.notRun");
        }
        return switch (v.status()) {
            case PASS -> words.getString("status.pass");
            case KNOWN_MISMATCH -> words.getString("status.known") + ": " + v.reason() + " (" + v.known().bullet().id()
                    + ")";
            case NOT_APPLICABLE -> words.getString("status.notApplicable") + ": " + v.reason();
            case NEW_MISMATCH -> words.getString("status.mismatch") + ": " + v.difference();
            case FIXED_BUT_LISTED -> words.getString("status.fixedButListed");
        };
    }

    /** Text that cannot break an AsciiDoc table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
