package dev.connectkit.fuzz;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The API fuzzer as a program of its own, so that {@link ApiFuzzTest} can run it in a separate JVM and see an abort
 * as a failure: {@code FuzzMain SEED PROGRAMS STEPS}. It runs every program on each backend, compares the simulator
 * and java.nio with the kernel step by step, and prints one line per finding and a summary, all starting with
 * {@code FUZZ}.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        int programs = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        Map<String, Supplier<Sockets>> backends = new LinkedHashMap<>();
        boolean kernel = Sockets.nativeUnavailableReason().isEmpty();
        if (kernel) {
            backends.put("native", Sockets::nativeLibc);
        }
        backends.put("sim", () -> SimNetwork.create().open());
        backends.put("nio", Sockets::nio);
        int[] ephemeral = Loopback.ephemeralPortRange();

        Map<String, Map<Runner.Kind, Integer>> kinds = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> errnos = new LinkedHashMap<>();
        Map<String, Integer> mismatches = new TreeMap<>();
        Map<String, Integer> compared = new TreeMap<>();
        Path root = Files.createTempDirectory("connectkit-fuzz");
        try {
            for (int p = 0; p < programs; p++) {
                Program program = Program.generate(seed + p, steps);
                Map<String, List<Runner.Outcome>> results = new LinkedHashMap<>();
                for (var backend : backends.entrySet()) {
                    Path dir = Files.createDirectory(root.resolve(p + "-" + backend.getKey()));
                    List<Runner.Outcome> outcomes = Runner.run(program, backend.getValue(), ephemeral, dir);
                    results.put(backend.getKey(), outcomes);
                    for (int i = 0; i < outcomes.size(); i++) {
                        Runner.Outcome o = outcomes.get(i);
                        kinds.computeIfAbsent(backend.getKey(), k -> new EnumMap<>(Runner.Kind.class))
                                .merge(o.kind(), 1, Integer::sum);
                        if (o.kind() == Runner.Kind.ERRNO) {
                            errnos.computeIfAbsent(backend.getKey(), k -> new TreeMap<>()).merge(o.text(), 1, Integer::sum);
                        }
                        if (o.kind() == Runner.Kind.BUG) {
                            out.printf("FUZZ BUG %s seed=%d step=%d %s -> %s%n", backend.getKey(), program.seed(), i,
                                    program.ops().get(i), o);
                        }
                    }
                    deleteTree(dir);
                }
                if (kernel) {
                    compare(program, results, mismatches, compared, out);
                }
                if (Boolean.getBoolean("connectkit.fuzz.trace")) {
                    for (int i = 0; i < steps; i++) {
                        StringBuilder line = new StringBuilder("FUZZ TRACE " + i + " " + program.ops().get(i));
                        for (var r : results.entrySet()) {
                            line.append(" | ").append(r.getKey()).append(": ").append(r.getValue().get(i));
                        }
                        out.println(line);
                    }
                }
            }
        } finally {
            deleteTree(root);
        }
        for (var backend : kinds.entrySet()) {
            out.printf("FUZZ KINDS %s %s%n", backend.getKey(), backend.getValue());
            out.printf("FUZZ ERRNOS %s %s%n", backend.getKey(), errnos.getOrDefault(backend.getKey(), Map.of()));
        }
        out.printf("FUZZ COMPARED %s%n", compared);
        out.printf("FUZZ MISMATCHES %s%n", mismatches);
        out.printf("FUZZ DONE programs=%d steps=%d seed=%d%n", programs, steps, seed);
    }

    /**
     * The simulator and java.nio against the kernel, step by step, up to the first refused capability (after it,
     * the backends hold different sockets and no longer run the same program).
     */
    private static void compare(Program program, Map<String, List<Runner.Outcome>> results,
                                Map<String, Integer> mismatches, Map<String, Integer> compared, PrintStream out) {
        List<Runner.Outcome> kernel = results.get("native");
        for (var backend : results.entrySet()) {
            if (backend.getKey().equals("native")) {
                continue;
            }
            List<Runner.Outcome> theirs = backend.getValue();
            for (int i = 0; i < kernel.size(); i++) {
                if (theirs.get(i).kind() == Runner.Kind.UCE || kernel.get(i).kind() == Runner.Kind.UCE) {
                    break;
                }
                compared.merge(backend.getKey(), 1, Integer::sum);
                if (!theirs.get(i).text().equals(kernel.get(i).text())) {
                    mismatches.merge(backend.getKey(), 1, Integer::sum);
                    out.printf("FUZZ MISMATCH %s seed=%d step=%d %s native=[%s] %s=[%s]%n", backend.getKey(),
                            program.seed(), i, program.ops().get(i), kernel.get(i), backend.getKey(), theirs.get(i));
                    break; // after a difference the two runs hold different state: the rest says nothing more
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
