package dev.connectkit.corpus;

import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The three implementations of {@link Sockets} the corpus runs every scenario on, in the order it runs them. */
enum Backend {
    /** The real kernel through libc: the reference every other backend is held to. */
    NATIVE("native"),
    /** The deterministic simulated network. */
    SIM("sim"),
    /** java.nio channels. */
    NIO("nio");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The name reports use: {@code native}, {@code sim}, {@code nio}. */
    String label() {
        return label;
    }

    /** The backend with this report name. */
    static Optional<Backend> ofLabel(String label) {
        return java.util.Arrays.stream(values()).filter(b -> b.label.equals(label)).findFirst();
    }

    /** Why this backend cannot run on this machine at all, or empty. */
    Optional<String> unavailableReason() {
        return this == NATIVE ? Sockets.nativeUnavailableReason() : Optional.empty();
    }

    /** What this backend can express, as it says itself ({@link Sockets#capabilities()}). */
    Set<Capability> capabilities() {
        return Capabilities.OF.computeIfAbsent(this, b -> {
            try (Sockets s = b == NATIVE ? Sockets.nativeLibc() : b == NIO ? Sockets.nio() : SimNetwork.create().open()) {
                return Set.copyOf(s.capabilities());
            }
        });
    }

    /** Each backend's capabilities, asked once. */
    private static final class Capabilities {
        static final Map<Backend, Set<Capability>> OF = new ConcurrentHashMap<>();
    }

    /** What {@code scenario} needs that this backend lacks; empty if it can run the whole scenario. */
    Set<Capability> lacks(Scenario scenario) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(scenario.needs());
        missing.removeAll(capabilities());
        return missing;
    }

    /** A fresh instance of the backend, with what the scenario needs around it. */
    Session open() {
        return switch (this) {
            case NATIVE -> new Session(Sockets.nativeLibc(), Loopback.ephemeralPortRange(), Workspace.onDisk(), null);
            case SIM -> {
                SimNetwork network = SimNetwork.create();
                yield new Session(network.open(), network.ephemeralPortRange(), Workspace.simulated(network), network);
            }
            case NIO -> new Session(Sockets.nio(), Loopback.ephemeralPortRange(), Workspace.onDisk(), null);
        };
    }

    /**
     * One scenario's backend instance: its sockets, the ephemeral port range the observations classify ports by,
     * the folder its AF_UNIX paths live in, and for the simulator the network (to check nothing stays open).
     */
    record Session(Sockets sockets, int[] ephemeralPorts, Workspace workspace, SimNetwork network)
            implements AutoCloseable {

        /** The simulated sockets still open after {@link #close()}: none, unless the simulator leaks one. */
        List<String> leftOpen() {
            return network == null ? List.of() : network.openSockets();
        }

        @Override
        public void close() {
            sockets.close();
            workspace.close();
        }
    }
}
