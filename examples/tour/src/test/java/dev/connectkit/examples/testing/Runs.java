package dev.connectkit.examples.testing;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.tour.Catalogue;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Sockets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The examples' runs for the tests, each made once per test JVM: a native run waits on real timers (seconds for
 * connect-timeout), and several tests read the same run. Every run names its language, so the environment's
 * locale never changes what a test sees.
 */
public final class Runs {
    private static final Map<String, Transcript> DONE = new ConcurrentHashMap<>();

    private Runs() {
    }

    /** The example with this name, from the catalogue. */
    public static Example example(String name) {
        return Catalogue.load().find(name).orElseThrow(() -> new AssertionError("no example " + name));
    }

    /** A native run of {@code name} in English, made once; skipped where the native backend cannot run. */
    public static Transcript kernel(String name) {
        return kernel(name, Language.EN);
    }

    /** A native run of {@code name} in {@code language}, made once. */
    public static Transcript kernel(String name, Language language) {
        requireKernel();
        return DONE.computeIfAbsent(name + " kernel " + language.tag(), key -> run(name, language));
    }

    /** A simulated run of {@code name} in English, made once. */
    public static Transcript simulated(String name) {
        return simulated(name, Language.EN);
    }

    /** A simulated run of {@code name} in {@code language}, made once. */
    public static Transcript simulated(String name, Language language) {
        return DONE.computeIfAbsent(name + " simulated " + language.tag(),
                key -> run(name, language, "--simulated"));
    }

    /** A fresh run of {@code name} with {@code args}, in {@code language}. */
    public static Transcript run(String name, Language language, String... args) {
        List<String> all = new ArrayList<>(List.of("--lang", language.tag()));
        all.addAll(List.of(args));
        return Transcript.of(example(name), all.toArray(String[]::new));
    }

    /**
     * Whether the kit has the connect-fanout benchmark: a student handout may leave it out (its Selector variant is
     * exercise 07's answer), and the catalogue then has the tour's examples only.
     */
    public static boolean benchmarkPresent() {
        return java.nio.file.Files.isRegularFile(java.nio.file.Path.of("../connect-fanout/pom.xml"));
    }

    /** Skips the calling test where the native backend cannot run, saying why. */
    public static void requireKernel() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
    }
}
