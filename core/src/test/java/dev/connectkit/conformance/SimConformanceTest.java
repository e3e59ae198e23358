package dev.connectkit.conformance;

import dev.connectkit.internal.sim.SimulatedSockets;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/** The contract on the simulated network: the same tests, on a virtual clock. */
@DisplayName("sim backend (deterministic simulated network)")
@ContractFor(SimulatedSockets.class)
class SimConformanceTest extends ConnectContract {
    private SimNetwork network;

    @Override
    protected String backend() {
        return "sim";
    }

    @Override
    protected Sockets openSockets() {
        network = SimNetwork.create();
        return network.open();
    }

    @Override
    protected int[] ephemeralPortRange() {
        return network.ephemeralPortRange();
    }

    @AfterEach
    void noSimulatedSocketLeftOpen() {
        if (network != null) {
            network.assertNoOpenSockets();
        }
    }
}
