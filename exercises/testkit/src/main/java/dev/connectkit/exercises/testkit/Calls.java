package dev.connectkit.exercises.testkit;

import dev.connectkit.sim.SimNetwork;
import dev.connectkit.sim.TraceEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The system calls the student's code made on the simulated network, read from its trace: what the tests
 * check, and the transcript they show when a step is missing.
 */
public final class Calls {
    private final List<TraceEvent> returns;

    private Calls(List<TraceEvent> returns) {
        this.returns = returns;
    }

    /** Every call that returned in a process of the host {@code local} (where the student's code runs). */
    public static Calls of(SimNetwork net) {
        return new Calls(net.trace().stream()
                .filter(e -> e.kind() == TraceEvent.Kind.RETURN && e.host().equals("local")).toList());
    }

    /**
     * One expected call: a pattern for {@code call(args) = result}, and why it is needed, in the student's
     * language (the exercise's {@code say(...)}).
     */
    public record Step(Pattern pattern, String why) {
        public static Step of(String regex, String why) {
            return new Step(Pattern.compile(regex), why);
        }
    }

    /** The first step not found in order (each after the one before), or empty when the calls contain them all. */
    public Optional<Step> firstMissing(Step... steps) {
        int from = 0;
        for (Step step : steps) {
            int found = -1;
            for (int i = from; i < returns.size(); i++) {
                if (step.pattern().matcher(returns.get(i).text()).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return Optional.of(step);
            }
            from = found + 1;
        }
        return Optional.empty();
    }

    /** Fails, with the reason and the transcript, unless the calls contain {@code steps} in order. */
    public void assertContainInOrder(Step... steps) {
        firstMissing(steps).ifPresent(step ->
                fail(Messages.testkit().text("calls.missing", step.why(), transcript())));
    }

    /** The calls, one a line: virtual time, call, result; a long run shows its first 24 and last 6. */
    public String transcript() {
        List<String> lines = returns.stream()
                .map(e -> String.format(Locale.ROOT, "  %8.3f s  %s", e.at().toNanos() / 1e9, e.text())).toList();
        if (lines.size() > 30) {
            lines = Stream.of(lines.subList(0, 24), List.of("  ... (+" + (lines.size() - 30) + ")"),
                    lines.subList(lines.size() - 6, lines.size())).flatMap(List::stream).toList();
        }
        return String.join("\n", lines);
    }
}
