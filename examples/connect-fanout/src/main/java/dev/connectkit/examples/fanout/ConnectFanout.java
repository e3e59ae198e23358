package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Connect fan-out, measured side by side in one run: why non-blocking connect exists (the sequential variant pays
 * the timeout for every silent endpoint), and what Java's layers cost against C. The headline is the time to
 * settle the answered connections, without the timeout floor that every variant pays alike; the wall time, floor
 * included, is printed beside it.
 */
public final class ConnectFanout implements Example {
    private FanoutReport last;

    /** The benchmark, ready to run. */
    public ConnectFanout() {
    }

    /** Runs {@code connect-fanout} on its own: exit status 0, 1 or 2 as {@link Example} describes. */
    public static void main(String[] args) {
        System.exit(new ConnectFanout().run(List.of(args), System.out, System.err));
    }

    @Override
    public String name() {
        return "connect-fanout";
    }

    @Override
    public String summary() {
        return Text.current().get("summary");
    }

    @Override
    public String usage() {
        return Settings.usage();
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Settings settings = Settings.parse(args, out::note);
        Text text = Text.current();
        try {
            if (settings.simulated()) {
                SimulatedFanout.run(settings, out, text);
                return;
            }
            Sockets.nativeUnavailableReason().ifPresent(reason -> {
                throw new UnsupportedOperationException(reason);
            });
            last = measure(settings, out);
            if (settings.svg() != null) {
                Files.writeString(settings.svg(), chart(last, text));
                out.note(text.get("note.chart", settings.svg()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Runs every variant {@link Settings#roundsWithWarmUp()} times, interleaved round by round so that a noisy
     * moment hurts them alike, keeps each variant's median round by answered time, and prints both tables.
     */
    public static FanoutReport measure(Settings s, Narrator out) throws IOException, InterruptedException,
            ErrnoException {
        Text text = Text.current();
        StringBuilder whyNoC = new StringBuilder();
        Optional<CReference> c = CReference.compile(whyNoC);
        try (Endpoints e = new Endpoints()) {
            out.heading(text.get("fanout.heading", s.count(), s.timeout().toMillis(), s.window(), s.rounds(),
                    s.rounds() > 1 ? text.get("fanout.afterWarmUp") : ""));
            Map<String, List<Outcomes>> rounds = new LinkedHashMap<>();
            for (int round = 0; round < s.roundsWithWarmUp(); round++) {
                boolean counted = s.rounds() == 1 || round > 0;
                List<Outcomes> these = new ArrayList<>();
                if (c.isPresent()) {
                    these.add(c.get().fanout(e, s.count(), s.timeout(), s.window()));
                }
                these.add(Variants.ffmEpoll(e, s.count(), s.timeout(), s.window()));
                these.add(Variants.selector(e, s.count(), s.timeout(), s.window()));
                these.add(Variants.virtualThreads(e, s.count(), s.timeout(), s.window()));
                try (Sockets kit = Sockets.nativeLibc()) {
                    these.add(Variants.kitPoll(Variants.KIT_POLL, kit, e::kitTarget, s.count(), s.timeout(),
                            s.window(), System::nanoTime, () -> { }));
                }
                for (Outcomes o : these) {
                    if (!o.matches(Endpoints.expected(s.count()))) {
                        throw new IllegalStateException(text.get("error.counts", o.variant(), o.connected(),
                                o.refused(), o.timedOut(), s.count()));
                    }
                    if (counted) {
                        rounds.computeIfAbsent(o.variant(), v -> new ArrayList<>()).add(o);
                    }
                }
            }
            List<Outcomes> medians = new ArrayList<>();
            for (List<Outcomes> all : rounds.values()) {
                List<Outcomes> sorted = all.stream().sorted(Comparator.comparing(Outcomes::answered)).toList();
                medians.add(sorted.get((sorted.size() - 1) / 2));
            }
            Outcomes sequential = Variants.sequential(e, Math.min(s.count(), Settings.SEQUENTIAL_COUNT), s.timeout());
            FanoutReport report = new FanoutReport(s, medians, sequential,
                    c.isPresent() ? Optional.empty() : Optional.of(whyNoC.toString()));
            print(report, out, text);
            return report;
        } finally {
            c.ifPresent(CReference::close);
        }
    }

    /** The two tables: without the floor (the headline), then with it. */
    static void print(FanoutReport r, Narrator out, Text text) {
        Settings s = r.settings();
        int answered = Endpoints.expected(s.count())[0] + Endpoints.expected(s.count())[1];
        r.whyNoC().ifPresent(why -> out.note(text.get("note.noC", why)));
        out.println(text.get("table.answered.title", answered));
        out.println(String.format(Locale.ROOT, "%-26s %12s %12s %9s", text.get("col.variant"),
                text.get("col.answeredMs"), text.get("col.answeredPerS"), text.get("col.ratio")));
        for (Outcomes o : r.variants()) {
            out.println(String.format(Locale.ROOT, "%-26s %12.1f %12.0f %9s", o.variant(), millis(o.answered()),
                    o.answeredPerSecond(), ratio(r.answeredRatio(o))));
        }
        out.println("");
        out.println(text.get("table.wall.title", s.timeout().toMillis()));
        out.println(String.format(Locale.ROOT, "%-26s %9s %12s %9s %8s %9s %9s", text.get("col.variant"),
                text.get("col.wallMs"), text.get("col.tailMs"), text.get("col.connected"), text.get("col.refused"),
                text.get("col.timedOut"), text.get("col.ratio")));
        List<Outcomes> all = new ArrayList<>(r.variants());
        all.add(r.sequential());
        for (Outcomes o : all) {
            boolean seq = o == r.sequential();
            out.println(String.format(Locale.ROOT, "%-26s %9.1f %12s %9d %8d %9d %9s",
                    seq ? o.variant() + " (" + o.total() + ")" : o.variant(), millis(o.wall()),
                    seq ? "-" : String.format(Locale.ROOT, "%.1f", millis(o.timeoutTail())), o.connected(),
                    o.refused(), o.timedOut(),
                    seq ? "-" : ratio(r.wallRatio(o))));
        }
        long silent = Endpoints.expected(s.count())[2];
        out.note(text.get("note.sequential", r.sequential().total(), silent, silent, s.timeout().toMillis(),
                silent * s.timeout().toMillis() / 1000));
    }

    /** {@code d} in milliseconds, with its fraction. */
    public static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** The last run's report (after {@link #main}), for tests. */
    FanoutReport last() {
        return last;
    }

    /** The fan-out chart: answered time per variant, the headline, as an SVG. */
    public static String chart(FanoutReport r, Text text) {
        List<Chart.Bar> bars = new ArrayList<>();
        for (Outcomes o : r.variants()) {
            bars.add(new Chart.Bar(o.variant(), millis(o.answered()), String.format(Locale.ROOT, "%.1f ms (x%s)",
                    millis(o.answered()), ratio(r.answeredRatio(o)))));
        }
        return Chart.svg(text.get("chart.fanout", Endpoints.expected(r.settings().count())[0]
                + Endpoints.expected(r.settings().count())[1], r.settings().count()), bars);
    }
}
