package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Connect fan-out, measured side by side in one run: why non-blocking connect exists (the sequential variant pays
 * the timeout for every silent endpoint), and what Java's layers cost against C (the fan-out and the cost of one
 * connect+close, each as a ratio to the C reference).
 */
public final class ConnectFanout implements Example {
    /** Fan-out connections by default. */
    static final int DEFAULT_COUNT = 10_000;

    private List<Outcomes> lastFanout = List.of();
    private List<Chart.Bar> lastPerCall = List.of();

    /** The benchmark, ready to run. */
    public ConnectFanout() {
    }

    @Override
    public String name() {
        return "connect-fanout";
    }

    @Override
    public String summary() {
        return "connect fan-out measured: sequential, Selector, virtual threads, the native backend, C epoll";
    }

    @Override
    public String usage() {
        return "[--count N] [--timeout-ms MS] [--window N] [--per-call N] [--svg FILE]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options o = Options.parse(args, Set.of("--count", "--timeout-ms", "--window", "--per-call", "--svg"), Set.of());
        int count = o.positive("--count", DEFAULT_COUNT);
        int timeoutMillis = o.positive("--timeout-ms", 500);
        int window = o.positive("--window", 1_000);
        int perCall = o.positive("--per-call", 20_000);
        Duration timeout = Duration.ofMillis(timeoutMillis);
        try {
            int ports = Limits.ephemeralPorts();
            int fds = Limits.openFiles();
            if (count > ports * 8 / 10) {
                out.note("--count " + count + " is more than 80% of the " + ports + " ephemeral ports: using "
                        + ports * 8 / 10);
                count = ports * 8 / 10;
            }
            if (window > fds - 200) {
                out.note("--window " + window + " does not fit the limit of " + fds + " open files: using " + (fds - 200));
                window = fds - 200;
            }
            run(count, timeout, window, perCall, out);
            String svg = o.string("--svg");
            if (svg != null) {
                Files.writeString(Path.of(svg), chart());
                out.note("chart written to " + svg);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    void run(int count, Duration timeout, int window, int perCall, Narrator out) throws Exception {
        StringBuilder whyNoC = new StringBuilder();
        Optional<CReference> c = CReference.compile(whyNoC);
        try (Endpoints e = new Endpoints()) {
            out.heading("Fan-out: " + count + " connections, 90% accepted, 5% refused, 5% never answered (timeout "
                    + timeout.toMillis() + " ms)");
            List<Outcomes> results = new ArrayList<>();
            int sequentialCount = Math.min(count, 40);
            results.add(Variants.sequential(e, sequentialCount, timeout));
            results.add(Variants.selector(e, count, timeout, window));
            results.add(Variants.virtualThreads(e, count, timeout, window));
            results.add(Variants.nativePoll(e, count, timeout, window));
            if (c.isPresent()) {
                results.add(c.get().fanout(e, count, timeout, window));
            } else {
                out.note("C reference skipped: " + whyNoC);
            }
            Outcomes cResult = c.isPresent() ? results.getLast() : null;
            out.println(String.format(Locale.ROOT, "%-24s %9s %11s %9s %8s %9s %9s", "variant", "wall ms", "connects/s",
                    "connected", "refused", "timed out", "ratio/C"));
            for (Outcomes r : results) {
                String ratio = cResult == null || r.total() != cResult.total() ? "-"
                        : String.format(Locale.ROOT, "%.2f", r.wall().toNanos() / (double) cResult.wall().toNanos());
                out.println(String.format(Locale.ROOT, "%-24s %9d %11.0f %9d %8d %9d %9s", r.variant(),
                        r.wall().toMillis(), r.perSecond(), r.connected(), r.refused(), r.timedOut(), ratio));
            }
            out.note("sequential ran " + sequentialCount + " connections only: at that pace the silent 5% of "
                    + count + " would cost " + (count / 20) + " x " + timeout.toMillis() + " ms = "
                    + (count / 20 * timeout.toMillis() / 1000) + " s");
            lastFanout = results;

            out.heading("One blocking connect() + close() on loopback, " + perCall + " times, median of 3 rounds");
            List<Chart.Bar> perCallBars = new ArrayList<>();
            double cMicros = Double.NaN;
            if (c.isPresent()) {
                CReference ref = c.get();
                cMicros = PerCallCost.microsPerCall(n -> ref.perCallMicros(e.acceptAddress.getPort(), n), perCall);
                perCallBars.add(new Chart.Bar("C loop", cMicros, ""));
            }
            try (Sockets s = Sockets.nativeLibc()) {
                perCallBars.add(new Chart.Bar("native backend (FFM)",
                        PerCallCost.microsPerCall(n -> PerCallCost.nativeBackend(s, e.acceptAddress, n), perCall), ""));
            }
            perCallBars.add(new Chart.Bar("SocketChannel",
                    PerCallCost.microsPerCall(n -> PerCallCost.socketChannel(e.acceptAddress, n), perCall), ""));
            perCallBars.add(new Chart.Bar("java.net.Socket",
                    PerCallCost.microsPerCall(n -> PerCallCost.socket(e.acceptAddress, n), perCall), ""));
            out.println(String.format(Locale.ROOT, "%-24s %9s %9s", "layer", "us/call", "ratio/C"));
            List<Chart.Bar> labelled = new ArrayList<>();
            for (Chart.Bar b : perCallBars) {
                String ratio = Double.isNaN(cMicros) ? "-" : String.format(Locale.ROOT, "%.2f", b.value() / cMicros);
                out.println(String.format(Locale.ROOT, "%-24s %9.1f %9s", b.label(), b.value(), ratio));
                labelled.add(new Chart.Bar(b.label(), b.value(),
                        String.format(Locale.ROOT, "%.1f us (x%s)", b.value(), ratio)));
            }
            lastPerCall = labelled;
        } finally {
            if (c.isPresent()) {
                c.get().close();
            }
        }
    }

    List<Outcomes> lastFanout() {
        return lastFanout;
    }

    /** Both measurements as one SVG: fan-out wall time per variant, and microseconds per call per layer. */
    String chart() {
        List<Chart.Bar> fan = new ArrayList<>();
        for (Outcomes r : lastFanout) {
            if (!r.variant().startsWith("sequential")) {
                fan.add(new Chart.Bar(r.variant(), r.wall().toMillis(), r.wall().toMillis() + " ms, "
                        + String.format(Locale.ROOT, "%.0f", r.perSecond()) + "/s"));
            }
        }
        String first = Chart.svg("Fan-out of " + (lastFanout.size() > 1 ? lastFanout.get(1).total() : 0)
                + " connects (wall time)", fan);
        String second = Chart.svg("One connect() + close() (microseconds)", lastPerCall);
        // Two charts stacked in one document.
        int h1 = Integer.parseInt(first.replaceAll("(?s).*?height=\"(\\d+)\".*", "$1"));
        int h2 = Integer.parseInt(second.replaceAll("(?s).*?height=\"(\\d+)\".*", "$1"));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"" + (h1 + h2) + "\">\n"
                + first.replaceFirst("<svg ", "<svg y=\"0\" ") + second.replaceFirst("<svg ", "<svg y=\"" + h1 + "\" ")
                + "</svg>\n";
    }
}
