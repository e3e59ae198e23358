package dev.connectkit.claims;

import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A claim about Linux, checked on the native backend: each test gets its own instance and must close all it opens. */
abstract class OnTheKernel {
    /** How long a test waits for something that happens at once on loopback. */
    static final int PROMPTLY_MILLIS = 2_000;

    protected Sockets s;

    @BeforeEach
    void openNativeBackend() {
        Optional<String> reason = Sockets.nativeUnavailableReason();
        assumeTrue(reason.isEmpty(), () -> "a claim about the Linux kernel: " + reason.orElseThrow());
        s = Sockets.nativeLibc();
    }

    @AfterEach
    void noDescriptorLeftOpen() {
        if (s == null) {
            return;
        }
        List<Integer> leftOpen = s.openDescriptors();
        s.close();
        assertThat(leftOpen).as("descriptors the test left open").isEmpty();
    }
}
