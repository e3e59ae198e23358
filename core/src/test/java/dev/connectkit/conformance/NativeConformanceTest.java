package dev.connectkit.conformance;

import dev.connectkit.internal.libc.NativeSockets;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;

import java.util.Optional;

/** The contract on the real kernel, through libc. Skipped, with the reason, where the native backend cannot run. */
@DisplayName("native backend (libc through FFM)")
@ContractFor(NativeSockets.class)
class NativeConformanceTest extends ConnectContract {

    @Override
    protected String backend() {
        return "native";
    }

    @Override
    protected Optional<String> unavailableReason() {
        return Sockets.nativeUnavailableReason();
    }

    @Override
    protected Sockets openSockets() {
        return Sockets.nativeLibc();
    }

    @Override
    protected int[] ephemeralPortRange() {
        return Loopback.ephemeralPortRange();
    }
}
