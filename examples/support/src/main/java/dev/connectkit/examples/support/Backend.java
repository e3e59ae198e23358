package dev.connectkit.examples.support;

import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;

/**
 * Where an example's system calls go: the real kernel (the default), or, with {@code --simulated}, the kit's
 * simulated network, whose virtual-time trace the example prints at the end.
 */
public final class Backend implements AutoCloseable {
    /** The switch every example accepts. */
    public static final String SIMULATED = "--simulated";

    private final Sockets sockets;
    private final SimNetwork network;

    private Backend(Sockets sockets, SimNetwork network) {
        this.sockets = sockets;
        this.network = network;
    }

    /** The native backend, or a fresh simulated network when {@code simulated}. */
    public static Backend open(boolean simulated) {
        if (simulated) {
            SimNetwork network = SimNetwork.create();
            return new Backend(network.open(), network);
        }
        return new Backend(Sockets.nativeLibc(), null);
    }

    /** The API the example calls. */
    public Sockets sockets() {
        return sockets;
    }

    /** Whether the calls run on the simulated network. */
    public boolean simulated() {
        return network != null;
    }

    /** The simulated network, for examples that configure hosts or faults; only when {@link #simulated()}. */
    public SimNetwork network() {
        if (network == null) {
            throw new IllegalStateException("the native backend has no simulated network");
        }
        return network;
    }

    /** A short name for headings: "native backend: real system calls" or "simulated network: virtual time". */
    public String describe() {
        return simulated() ? "simulated network: virtual time" : "native backend: real system calls";
    }

    /**
     * Prints the simulation's timeline, when there is one: what each call returned and what happened on the
     * wire, at its virtual instant (the entry of each call is left out: its RETURN line names it).
     */
    public void printTrace(Narrator out) {
        if (network != null) {
            out.heading("The simulated network's trace (virtual time)");
            network.trace().stream()
                    .filter(e -> e.kind() != dev.connectkit.sim.TraceEvent.Kind.CALL)
                    .forEach(e -> out.println(e.toString()));
        }
    }

    @Override
    public void close() {
        sockets.close();
    }
}
