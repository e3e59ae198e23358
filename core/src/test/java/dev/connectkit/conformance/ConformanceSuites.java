package dev.connectkit.conformance;

import java.util.List;

/** Every subclass of the contract; {@link ContractCoverageTest} checks that together they cover every backend. */
final class ConformanceSuites {
    private ConformanceSuites() {
    }

    static final List<Class<? extends ConnectContract>> ALL = List.of(NativeConformanceTest.class,
            SimConformanceTest.class, NioConformanceTest.class);
}
