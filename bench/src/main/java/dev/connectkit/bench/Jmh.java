package dev.connectkit.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link ConnectClose} through JMH's Runner: forked JVMs per benchmark, on the host's class path. */
final class Jmh {
    private Jmh() {
    }

    /** The benchmarks, in the order the table shows them, with their names there. */
    static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("cLoop", "C loop");
        LAYERS.put("nativeBackend", "native backend (FFM)");
        LAYERS.put("nioBackend", "nio backend");
        LAYERS.put("socketChannel", "SocketChannel");
        LAYERS.put("javaNetSocket", "java.net.Socket");
        LAYERS.put("simulator", "simulated network");
    }

    static List<PerCall> run(Size size, boolean withC, boolean withNative) throws RunnerException {
        List<String> methods = new ArrayList<>();
        for (String m : LAYERS.keySet()) {
            if ((withC || !m.equals("cLoop")) && (withNative || !m.equals("nativeBackend"))) {
                methods.add(m);
            }
        }
        Options options = new OptionsBuilder()
                .include(ConnectClose.class.getName() + "\\.(" + String.join("|", methods) + ")$")
                .forks(size.forks())
                .warmupIterations(size.warmups())
                .warmupTime(TimeValue.milliseconds(size.iterationMs()))
                .measurementIterations(size.measurements())
                .measurementTime(TimeValue.milliseconds(size.iterationMs()))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx2g")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, PerCall> byMethod = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            byMethod.put(method, new PerCall(LAYERS.get(method),
                    r.getPrimaryResult().getStatistics().getPercentile(50), r.getPrimaryResult().getScore()));
        }
        List<PerCall> ordered = new ArrayList<>();
        for (String m : methods) {
            PerCall p = byMethod.get(m);
            if (p == null) {
                throw new RunnerException("JMH produced no result for " + m + " (its fork failed?)");
            }
            ordered.add(p);
        }
        return ordered;
    }
}
