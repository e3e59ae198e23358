package dev.connectkit.conformance;

import dev.connectkit.internal.libc.NativeSockets;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            // Files.readString() returns only the first byte of this procfs file on JDK 25; readAllLines reads it all.
            String line = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst();
            String[] range = line.trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
