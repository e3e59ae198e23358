package dev.connectkit.corpus;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdicts of one test run, by scenario (in corpus order) and backend; the report is written from them. */
final class Results {
    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, Map<Backend, Verdict>> verdicts = new LinkedHashMap<>();

    synchronized void add(Scenario scenario, Verdict verdict) {
        scenarios.putIfAbsent(scenario.id(), scenario);
        verdicts.computeIfAbsent(scenario.id(), id -> new EnumMap<>(Backend.class)).put(verdict.backend(), verdict);
    }

    synchronized List<Scenario> scenarios() {
        return List.copyOf(scenarios.values());
    }

    synchronized Map<Backend, Verdict> verdicts(String scenario) {
        return Map.copyOf(verdicts.getOrDefault(scenario, Map.of()));
    }

    synchronized boolean isEmpty() {
        return scenarios.isEmpty();
    }
}
