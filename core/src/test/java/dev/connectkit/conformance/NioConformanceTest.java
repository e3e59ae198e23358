package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.internal.nio.NioSockets;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;

/**
 * The contract through java.nio: what each statement of the man page becomes in Java. Where Java cannot express
 * a call at all, the backend refuses it naming the {@link dev.connectkit.posix.Capability}, and the test is
 * reported not applicable with that reason ({@link CapabilityGate}).
 */
@DisplayName("nio backend (java.nio channels)")
@ContractFor(NioSockets.class)
class NioConformanceTest extends ConnectContract {

    @Override
    protected String backend() {
        return "nio";
    }

    @Override
    protected Sockets openSockets() {
        return Sockets.nio();
    }

    @Override
    protected int[] ephemeralPortRange() {
        return Loopback.ephemeralPortRange();
    }
}
