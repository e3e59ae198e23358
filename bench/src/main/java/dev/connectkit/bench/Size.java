package dev.connectkit.bench;

import java.util.List;

/**
 * How much a run measures: the full size behind {@code ./connectkit bench}, or the smoke size {@code ./mvnw verify}
 * runs, which only checks that everything works (and still writes its own figures, labelled as such).
 *
 * @param fanoutArgs     the fan-out's command line
 * @param forks          JMH forks per benchmark (each a fresh JVM, so one unlucky JIT or placement cannot decide)
 * @param warmups        JMH warm-up iterations per benchmark
 * @param measurements   JMH measured iterations per benchmark
 * @param iterationMs    the length of one JMH iteration
 */
record Size(String name, List<String> fanoutArgs, int forks, int warmups, int measurements, int iterationMs) {

    static final Size FULL = new Size("full", List.of("--count", "10000", "--timeout-ms", "500", "--window", "1000",
            "--rounds", "5"), 2, 3, 5, 1_000);
    static final Size SMOKE = new Size("smoke", List.of("--count", "400", "--timeout-ms", "300", "--window", "100",
            "--rounds", "1"), 1, 1, 2, 100);
}
