package dev.connectkit.corpus;

import dev.connectkit.posix.Capability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The corpus on every backend: one dynamic test per (scenario, backend). Native must reproduce what the source
 * asserts; sim and nio must reproduce it too, unless {@code known-mismatches.txt} lists the pair, or the backend
 * lacks a capability the scenario needs and refuses it by name (then the pair is reported not applicable, with
 * the backend's reason). Where native cannot run at all (not Linux), its tests are not generated and the report
 * says why. The report and the docs fragments are written when the run ends.
 */
@DisplayName("the corpus: connect() scenarios from gVisor, LTP and OpenJDK, on every backend")
class CorpusTest {
    private static final Results RESULTS = new Results();

    @TestFactory
    Stream<DynamicNode> corpus() {
        List<Scenario> scenarios = Corpus.scenarios();
        KnownMismatches known = KnownMismatches.load();
        known.checkAgainst(scenarios);
        return scenarios.stream().map(scenario -> DynamicContainer.dynamicContainer(
                scenario.id() + "  (" + scenario.source() + ")", tests(scenario, known)));
    }

    private static Stream<DynamicTest> tests(Scenario scenario, KnownMismatches known) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            Optional<String> cannotRun = backend.unavailableReason();
            if (cannotRun.isPresent()) {
                RESULTS.add(scenario, Verdict.notApplicable(backend, cannotRun.get()));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(backend.label(), () -> check(scenario, backend, known)));
        }
        return tests.stream();
    }

    /**
     * Runs the pair and judges it. Where the backend lacks a capability the scenario needs, the run must end in the
     * backend's refusal (UnsupportedCapabilityException): the pair is then reported not applicable, with the
     * backend's reason, and a backend that lets the scenario run instead fails, since it would differ silently.
     */
    private static void check(Scenario scenario, Backend backend, KnownMismatches known) {
        Runner.Run run = Runner.run(scenario, backend);
        Set<Capability> missing = backend.lacks(scenario);
        Verdict verdict = missing.isEmpty()
                ? Verdict.judge(scenario, backend, run, known.find(scenario.id(), backend))
                : Verdict.judgeRefusal(backend, run, missing);
        RESULTS.add(scenario, verdict);
        switch (verdict.status()) {
            case NEW_MISMATCH -> fail("""
                    %s on %s differs from Linux (%s).
                    %s
                    Linux (what the source asserts): %s
                    %s: %s%s
                    If this is a known bug, list it in %s:
                        %s | %s | <bullet> | <what differs, in one line>""".formatted(
                    scenario.id(), backend.label(), scenario.source(), verdict.difference(),
                    scenario.expected(), backend.label(), run.observations(),
                    run.failure() == null ? "" : "\n" + run.failure(),
                    KnownMismatches.SOURCE_PATH, scenario.id(), backend.label()));
            case FIXED_BUT_LISTED -> fail("""
                    %s on %s now agrees with Linux: delete line %d of %s
                        (%s)""".formatted(scenario.id(), backend.label(), verdict.known().line(),
                    KnownMismatches.SOURCE_PATH, verdict.known().difference()));
            case PASS, KNOWN_MISMATCH, NOT_APPLICABLE -> {
            }
        }
    }

    @AfterAll
    static void writeReport() throws Exception {
        if (!RESULTS.isEmpty()) {
            CorpusReport.write(RESULTS, Corpus.notPorted(), KnownMismatches.load());
        }
    }
}
