package dev.connectkit.conformance;

import dev.connectkit.lab.Loopback;
import dev.connectkit.internal.nio.NioSockets;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

/**
 * The contract through java.nio: what each statement of the man page becomes in Java. Where Java cannot express
 * a behaviour, the test is reported not applicable with the reason.
 */
@DisplayName("nio backend (java.nio channels)")
@ContractFor(NioSockets.class)
class NioConformanceTest extends ConnectContract {

    private static final String NO_SIGNALS = "Java cannot interrupt a blocked connect() and let it go on:"
            + " Thread.interrupt() closes the channel (ClosedByInterruptException) and aborts the attempt";

    @Override
    protected String backend() {
        return "nio";
    }

    @Override
    protected Sockets openSockets() {
        return Sockets.nio();
    }

    @Override
    protected Map<String, String> notApplicable() {
        return Map.of(
                "blocksUntilInterrupted", NO_SIGNALS,
                "interruptedAttemptCompletesAsynchronously", NO_SIGNALS,
                "timesOutAndAborts", "Java cannot set TCP_SYNCNT, so the kernel's timeout stays at about 127 s;"
                        + " Java's own timeout, Socket.connect(address, ms), throws SocketTimeoutException instead",
                "afterCompletionZeroOnceThenEisconn", "Java never reports a completed attempt through connect():"
                        + " finishConnect() does, and connect() again throws ConnectionPendingException or"
                        + " AlreadyConnectedException",
                "nullAddressReleasesAnImplicitPort", "DatagramChannel.disconnect() rebinds the port Linux releases,"
                        + " so the release cannot be seen through Java",
                "einval", "Java has no address length: a SocketAddress is always passed with the right one");
    }

    @Override
    protected int[] ephemeralPortRange() {
        return Loopback.ephemeralPortRange();
    }
}
