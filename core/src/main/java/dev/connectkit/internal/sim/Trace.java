package dev.connectkit.internal.sim;

import dev.connectkit.sim.TraceEvent;
import dev.connectkit.sim.VirtualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulation's record of every step: streamed to sinks as it happens, and the most recent steps kept for
 * {@code SimNetwork.trace()}, up to a limit, so a long simulation runs in a fixed amount of memory.
 *
 * <p>A step's text is written only when someone reads it: a kept step holds the values it was made of (which
 * are immutable), and becomes a {@link TraceEvent} when a sink or a reader asks. Callers run under the
 * scheduler's lock, which orders the steps.
 */
final class Trace {
    /** How many steps are kept unless the caller chooses: a few hundred connections' worth. */
    static final int DEFAULT_LIMIT = 10_000;

    private record Step(long at, String host, TraceEvent.Kind kind, Supplier<String> text) {
        TraceEvent event() {
            return new TraceEvent(Duration.ofNanos(at), host, kind, text.get());
        }
    }

    private final VirtualClock clock;
    private final List<Consumer<? super TraceEvent>> sinks = new ArrayList<>();
    private Step[] kept = new Step[1024];
    private int limit = DEFAULT_LIMIT;
    private int first;
    private int count;
    private long discarded;

    Trace(VirtualClock clock) {
        this.clock = clock;
    }

    /** Records a step now; {@code text} must only read values that never change. */
    void record(String host, TraceEvent.Kind kind, Supplier<String> text) {
        if (limit == 0 && sinks.isEmpty()) {
            discarded++; // nobody reads it: not even the step is made
            return;
        }
        Step step = new Step(clock.nanos(), host, kind, text);
        if (!sinks.isEmpty()) {
            TraceEvent event = step.event();
            for (Consumer<? super TraceEvent> sink : sinks) {
                sink.accept(event);
            }
        }
        keep(step);
    }

    /** Streams every later step to {@code sink} as it happens. */
    void addSink(Consumer<? super TraceEvent> sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
    }

    /** Keeps at most {@code steps} of the latest steps (0 keeps none); older ones are discarded first. */
    void limit(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("a trace limit cannot be negative: " + steps);
        }
        List<Step> latest = latest(steps);
        discarded += count - latest.size();
        kept = new Step[Math.max(1, Math.min(steps, 1024))];
        first = 0;
        count = 0;
        limit = steps;
        for (Step step : latest) {
            keep(step);
        }
    }

    /** The steps still kept, oldest first. */
    List<TraceEvent> events() {
        List<TraceEvent> events = new ArrayList<>(count);
        for (Step step : latest(count)) {
            events.add(step.event());
        }
        return events;
    }

    /** How many steps were recorded but are no longer kept. */
    long discarded() {
        return discarded;
    }

    private List<Step> latest(int n) {
        List<Step> steps = new ArrayList<>(Math.min(n, count));
        for (int i = Math.max(0, count - n); i < count; i++) {
            steps.add(kept[(first + i) % kept.length]);
        }
        return steps;
    }

    private void keep(Step step) {
        if (limit == 0) {
            discarded++;
            return;
        }
        if (count == limit) {
            kept[first] = step; // the ring is full: the oldest step gives way
            first = (first + 1) % kept.length;
            discarded++;
            return;
        }
        if (count == kept.length) {
            Step[] larger = new Step[Math.min(limit, kept.length * 2)];
            for (int i = 0; i < count; i++) {
                larger[i] = kept[(first + i) % kept.length];
            }
            kept = larger;
            first = 0;
        }
        kept[(first + count) % kept.length] = step;
        count++;
    }
}
