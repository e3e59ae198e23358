package dev.connectkit.corpus;

import dev.connectkit.conformance.Observer;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario on one backend and returns what it observed. Whatever goes wrong inside the body becomes the
 * last observation ({@code ! threw java.lang.ClassCastException}), so a backend that crashes, refuses an operation
 * or hangs is compared like any other: by its observations.
 */
final class Runner {
    /** A body that has not finished by then is stopped and reported; a scenario takes milliseconds. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    /**
     * What one run saw: the observations, the detail of a failure (or null), the backend's refusal if it ended the
     * body (or null), and how long it took.
     */
    record Run(List<String> observations, String failure, UnsupportedCapabilityException refusal, Duration took) {
    }

    private Runner() {
    }

    static Run run(Scenario scenario, Backend backend) {
        long start = System.nanoTime();
        List<String> lines = new ArrayList<>();
        String failure = null;
        UnsupportedCapabilityException[] refusal = new UnsupportedCapabilityException[1];
        Backend.Session session = backend.open();
        try {
            Observations o = new Observations(new Observer(session.ephemeralPorts()), session.workspace());
            String thrown = runBounded(scenario, session, o, refusal);
            lines.addAll(o.lines());
            if (thrown != null) {
                lines.add(thrown.lines().findFirst().orElse(thrown));
                failure = thrown;
            } else if (!session.sockets().openDescriptors().isEmpty()) {
                lines.add("! descriptors left open: " + session.sockets().openDescriptors().size());
            }
        } finally {
            session.close();
        }
        if (!session.leftOpen().isEmpty()) {
            lines.add("! simulated sockets still open after close(): " + session.leftOpen());
        }
        return new Run(List.copyOf(lines), failure, refusal[0], Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs the body on its own thread so a hang ends at {@link #DEADLINE}; returns what went wrong, or null. */
    private static String runBounded(Scenario scenario, Backend.Session session, Observations o,
                                     UnsupportedCapabilityException[] refusal) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "corpus " + scenario.id());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> done = thread.submit(() -> {
                scenario.body().run(session.sockets(), o);
                return null;
            });
            done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedCapabilityException refused) {
                refusal[0] = refused;
            }
            return describe(e.getCause());
        } catch (TimeoutException e) {
            return "! did not finish within " + DEADLINE.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "! interrupted";
        } finally {
            thread.shutdownNow();
        }
    }

    /** The observation a failure becomes: the first line compares, the rest is detail for the report. */
    private static String describe(Throwable t) {
        if (t instanceof ErrnoException e) {
            return "! " + e.call() + "() failed where the scenario expects it to succeed: -1 " + e.errno().name();
        }
        return "! threw " + t.getClass().getName() + "\n" + t.getMessage();
    }
}
