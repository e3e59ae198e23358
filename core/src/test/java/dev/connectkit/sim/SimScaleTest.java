package dev.connectkit.sim;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator at scale, each workload of {@link SimScale} in a JVM of its own with a fixed heap
 * ({@code -Xmx}): a run that needed more memory than that would fail with OutOfMemoryError, so finishing is the
 * proof of bounded memory. The tests assert counts, never speed (the machine may be busy); they print wall
 * time, virtual time and peak heap.
 *
 * <p>{@code ./mvnw verify} runs a smoke size. The full size (1,000,000 connect/close cycles in 64 MiB, 100,000
 * concurrent pending connects in 512 MiB) runs with
 * {@code ./mvnw -o -pl core verify -Dtest=SimScaleTest -Dsurefire.failIfNoSpecifiedTests=false -Dconnectkit.simScale=full}.
 */
@DisplayName("the simulator at scale, in a forked JVM with a fixed heap")
class SimScaleTest {
    private static final boolean FULL = "full".equals(System.getProperty("connectkit.simScale"));

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    @DisplayName("connect/close cycles in a fixed heap: the trace and the TIME_WAIT sockets stay bounded")
    void cycles() throws Exception {
        int n = FULL ? 1_000_000 : 50_000;
        Map<String, String> r = run("64m", "cycles", n);
        assertThat(r.get("cycles")).isEqualTo(String.valueOf(n));
        assertThat(r.get("openSockets")).isEqualTo("0");
        assertThat(Long.parseLong(r.get("traceKept"))).as("the trace keeps at most its limit").isLessThanOrEqualTo(10_000);
        List<Long> retained = java.util.Arrays.stream(r.get("retainedMiB").split(",")).map(Long::valueOf).toList();
        // Past 28,232 cycles every client port has been used once and TIME_WAIT sockets are replaced, not added:
        // the live set at the end is the one at six tenths of the way, give or take a collector's rounding.
        assertThat(retained.getLast()).as("the live set at the end, against six tenths of the way (%s MiB)", retained)
                .isLessThanOrEqualTo(retained.get(5) + 4);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent pending connects, all in flight at once, all completed")
    void pending() throws Exception {
        int n = FULL ? 100_000 : 5_000;
        Map<String, String> r = run(FULL ? "512m" : "128m", "pending", n);
        assertThat(r.get("peakPending")).isEqualTo(String.valueOf(n));
        assertThat(r.get("connected")).isEqualTo(String.valueOf(n));
        assertThat(r.get("failed")).isEqualTo("0");
        assertThat(r.get("openSockets")).isEqualTo("0");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("the whole ephemeral range (28,232 ports) taken: EADDRNOTAVAIL, EADDRINUSE and EAGAIN at once")
    void wholePortRange() throws Exception {
        int attempts = FULL ? 10_000 : 500;
        Map<String, String> r = run("256m", "ports", attempts);
        assertThat(r.get("range")).isEqualTo("28232");
        assertThat(r.get("tcpConnected")).as("every port of the range connected").isEqualTo("28232");
        assertThat(r.get("tcpFullWith")).isEqualTo("EADDRNOTAVAIL");
        assertThat(r.get("udpBound")).isEqualTo("28232");
        assertThat(r.get("udpFullWith")).as("UDP's implicit bind fails with EAGAIN").isEqualTo("EAGAIN");
        // Each refusal once cost about a second of CPU (a walk over every bound socket per port); a bound of 10 ms of
        // wall time each leaves a busy machine a hundredfold margin and still fails on such a walk.
        for (String key : List.of("tcpMicrosPerRefusal", "bindMicrosPerRefusal", "udpMicrosPerRefusal")) {
            assertThat(Long.parseLong(r.get(key))).as(key).isLessThan(10_000);
        }
    }

    /** Runs {@code SimScale workload count} in a new JVM with {@code -Xmx<heap>}; its one line of results. */
    private static Map<String, String> run(String heap, String workload, int count)
            throws IOException, InterruptedException, URISyntaxException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = location(SimScale.class) + File.pathSeparator + location(SimNetwork.class);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", classpath,
                SimScale.class.getName(), workload, String.valueOf(count)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("the JVM ends after its output").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("%s %d in %s of heap:%n%s", workload, count, heap, output).isZero();
        String line = output.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.printf("sim scale, %s %,d (-Xmx%s): %s%n", workload, count, heap, line);
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return result;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
