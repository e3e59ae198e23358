package dev.connectkit.bench;

import dev.connectkit.examples.fanout.ConnectFanout;
import dev.connectkit.examples.fanout.FanoutReport;
import dev.connectkit.examples.fanout.Outcomes;
import dev.connectkit.examples.fanout.Settings;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Sockets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * {@code ./connectkit bench}: the whole benchmark in one command. The fan-out against C epoll (without the timeout
 * floor, the headline, and with it), then the JMH cost of one connect() + close() per layer with the C loop in the
 * same run, then the targets of issue 17, met or missed. With {@code --docs DIR} it also writes the figures the
 * documentation shows, in English and Chinese, with the SVG chart.
 */
public final class Bench {
    private final boolean smoke;
    private final Path docs;

    private Bench(boolean smoke, Path docs) {
        this.smoke = smoke;
        this.docs = docs;
    }

    /**
     * The command line, through picocli's programmatic API: annotations would need picocli's annotation processor
     * beside JMH's, or an exception to {@code -Xlint:processing} ("no processor claimed"), and neither is worth two
     * options.
     */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("bench");
        spec.addOption(OptionSpec.builder("--smoke").arity("0").type(boolean.class).build());
        spec.addOption(OptionSpec.builder("--docs").paramLabel("FOLDER").type(Path.class).build());
        return new CommandLine(spec);
    }

    /** The targets: a variant's answered time, or a layer's cost per call, at most this many times C's. */
    static final double FFM_EPOLL_TARGET = 1.10;
    static final double SELECTOR_TARGET = 1.25;
    static final double VIRTUAL_THREADS_TARGET = 1.40;
    static final double NATIVE_PER_CALL_TARGET = 1.05;

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the benchmark; 0 when it ran, 1 when something failed, 2 for bad input. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        ResourceBundle text = bundle(Language.current());
        Bench b;
        try {
            CommandLine.ParseResult parsed = commandLine().parseArgs(args.toArray(String[]::new));
            b = new Bench(parsed.matchedOptionValue("--smoke", false), parsed.matchedOptionValue("--docs", null));
            if (b.docs != null) {
                Path parent = b.docs.toAbsolutePath().getParent();
                if (b.docs.toString().isBlank() || parent == null || !Files.isDirectory(parent)) {
                    throw new UsageException(format(text, "error.docs", b.docs));
                }
            }
        } catch (CommandLine.ParameterException | UsageException e) {
            err.println("bench: " + e.getMessage().lines().findFirst().orElse("?")
                    + " (usage: bench [--smoke] [--docs FOLDER])");
            return 2;
        }
        Optional<String> noNative = Sockets.nativeUnavailableReason();
        if (noNative.isPresent()) {
            err.println("bench: " + noNative.get());
            return 1;
        }
        try {
            Result r = b.measure(new Narrator(out), text);
            if (b.docs != null) {
                Files.createDirectories(b.docs);
                for (Language l : Language.values()) {
                    Files.writeString(b.docs.resolve(Figures.fileName(l)), Figures.adoc(r, bundle(l), l));
                }
                Files.writeString(b.docs.resolve(Figures.SVG), Figures.svg(r, bundle(Language.EN)));
                out.println(format(text, "note.docs", b.docs));
            }
            return 0;
        } catch (Exception e) {
            // one line, never a stack trace: a failed call, a C program that failed, a JMH fork that died
            err.println("bench: " + (e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : e));
            return 1;
        }
    }

    /** Everything one run measured. */
    record Result(Size size, Machine machine, FanoutReport fanout, List<PerCall> perCall) {
        Optional<PerCall> layer(String name) {
            return perCall.stream().filter(p -> p.layer().equals(name)).findFirst();
        }

        double perCallRatio(PerCall p) {
            return layer(Jmh.LAYERS.get("cLoop")).map(c -> p.median() / c.median()).orElse(Double.NaN);
        }
    }

    Result measure(Narrator out, ResourceBundle text) throws Exception {
        Size size = smoke ? Size.SMOKE : Size.FULL;
        Machine machine = Machine.now();
        out.heading(format(text, "header", size.name(), machine.cores(), machine.kernel(), machine.jdk(),
                machine.loadAverage()));
        Settings settings = Settings.parse(size.fanoutArgs(), out::note);
        FanoutReport fanout = ConnectFanout.measure(settings, out);
        out.heading(format(text, "jmh.heading", size.forks(), size.warmups(), size.iterationMs(), size.measurements(),
                size.iterationMs()));
        List<PerCall> perCall = Jmh.run(size, fanout.c().isPresent(), true);
        Result r = new Result(size, machine, fanout, perCall);
        out.println(String.format(Locale.ROOT, "%-24s %10s %10s %9s", text.getString("col.layer"),
                text.getString("col.usPerCall"), text.getString("col.mean"), text.getString("col.ratio")));
        for (PerCall p : perCall) {
            out.println(String.format(Locale.ROOT, "%-24s %10.2f %10.2f %9s", p.layer(), p.median(), p.mean(),
                    ratio(r.perCallRatio(p))));
        }
        out.heading(text.getString("targets.heading"));
        for (Target t : targets(r)) {
            out.println(String.format(Locale.ROOT, "%-40s <= %.2f  %6s  %s", t.what(), t.limit(), ratio(t.ratio()),
                    verdict(t, size, text)));
        }
        if (smoke) {
            out.note(text.getString("note.smoke"));
        }
        return r;
    }

    /** One target of issue 17 and the ratio this run measured. */
    record Target(String what, double limit, double ratio) {
    }

    static List<Target> targets(Result r) {
        FanoutReport f = r.fanout();
        return List.of(
                new Target("fan-out, FFM epoll loop / C epoll", FFM_EPOLL_TARGET, variantRatio(f, "FFM epoll loop")),
                new Target("fan-out, Selector / C epoll", SELECTOR_TARGET, variantRatio(f, "Selector, one thread")),
                new Target("fan-out, virtual threads / C epoll", VIRTUAL_THREADS_TARGET,
                        variantRatio(f, "virtual threads")),
                new Target("per call, native backend / C loop", NATIVE_PER_CALL_TARGET,
                        r.layer(Jmh.LAYERS.get("nativeBackend")).map(r::perCallRatio).orElse(Double.NaN)));
    }

    /** Met or missed; never judged at the smoke size, whose figures are mostly warm-up. */
    static String verdict(Target t, Size size, ResourceBundle text) {
        if (Double.isNaN(t.ratio())) {
            return text.getString("target.noC");
        }
        if (size == Size.SMOKE) {
            return text.getString("target.notJudged");
        }
        return t.ratio() <= t.limit() ? text.getString("target.met") : text.getString("target.missed");
    }

    static double variantRatio(FanoutReport f, String variant) {
        return f.variants().stream().filter(o -> o.variant().equals(variant)).findFirst()
                .map(f::answeredRatio).orElse(Double.NaN);
    }

    static Optional<Outcomes> variant(FanoutReport f, String name) {
        return f.variants().stream().filter(o -> o.variant().equals(name)).findFirst();
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    static ResourceBundle bundle(Language l) {
        return ResourceBundle.getBundle("dev.connectkit.bench.Bench", l.bundleLocale());
    }

    static String format(ResourceBundle text, String key, Object... args) {
        return String.format(Locale.ROOT, text.getString(key), args);
    }
}
