package dev.connectkit.examples.runner;

import dev.connectkit.posix.Sockets;

import java.io.PrintStream;
import java.util.Optional;

/**
 * What happens where the native backend cannot run (a student's macOS or Windows laptop, or Linux with
 * {@code -Dconnectkit.native=unavailable}): the examples run their POSIX part on the simulated network instead,
 * and say so in one line before they start. The tour says it once for all of them.
 */
public final class Fallback {
    private static final ScopedValue<Boolean> ANNOUNCED = ScopedValue.newInstance();

    private Fallback() {
    }

    /** Why the native backend cannot run here, or empty where it can. */
    public static Optional<String> reason() {
        return Sockets.nativeUnavailableReason();
    }

    /** Prints the one line that says the run falls back to the simulated network, unless a caller already did. */
    static void announce(Text text, PrintStream err) {
        if (!ANNOUNCED.isBound()) {
            reason().ifPresent(why -> err.println(text.get("fallback", why)));
        }
    }

    /**
     * Runs {@code body} with the fallback line printed once, before it, instead of once per example: for the
     * tour, which runs them all.
     */
    public static <T> T announcedOnce(Text text, PrintStream err, ScopedValue.CallableOp<T, RuntimeException> body) {
        announce(text, err);
        return ScopedValue.where(ANNOUNCED, true).call(body);
    }
}
