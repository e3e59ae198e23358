package dev.connectkit.corpus;

import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves every "not applicable" the corpus claims: a backend said to lack a capability refuses the operation with
 * {@link UnsupportedOperationException}, and a backend said to have it does not. Without this, a claim could stay
 * in {@link Capability} after the backend learned the operation, and hide a scenario that would now run.
 */
@DisplayName("the corpus's capabilities: what a backend cannot express, it refuses")
class CapabilityTest {

    @TestFactory
    Stream<DynamicTest> claims() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            for (Backend backend : Backend.values()) {
                if (backend.unavailableReason().isPresent()) {
                    continue; // native on a machine without Linux: nothing to ask
                }
                tests.add(DynamicTest.dynamicTest(capability + " on " + backend.label(), () -> check(capability, backend)));
            }
        }
        return tests.stream();
    }

    private static void check(Capability capability, Backend backend) {
        try (Backend.Session session = backend.open()) {
            Sockets s = session.sockets();
            if (capability.lackingOn(backend).isPresent()) {
                assertThatThrownBy(() -> capability.operation().run(s))
                        .as("%s claims it cannot express %s", backend.label(), capability)
                        .isInstanceOf(UnsupportedOperationException.class);
            } else {
                assertThatCode(() -> {
                    try {
                        capability.operation().run(s);
                    } catch (dev.connectkit.posix.ErrnoException errnoIsAnAnswer) {
                        // an errno is the backend expressing the operation: only a refusal would contradict it
                    }
                }).as("%s claims it can express %s", backend.label(), capability).doesNotThrowAnyException();
            }
        }
    }
}
