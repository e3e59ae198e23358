package dev.connectkit.conformance;

import dev.connectkit.manpage.Statement;
import dev.connectkit.internal.Backend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** No statement without a test, and no backend without the contract. */
@DisplayName("the conformance contract")
class ContractCoverageTest {

    @Test
    @DisplayName("has at least one test for every statement of the man page")
    void everyStatementHasATest() {
        Set<Statement> covered = EnumSet.noneOf(Statement.class);
        for (Class<?> nested : ConnectContract.class.getDeclaredClasses()) {
            for (Method m : nested.getDeclaredMethods()) {
                Covers covers = m.getAnnotation(Covers.class);
                if (covers != null) {
                    covered.addAll(Set.of(covers.value()));
                }
            }
        }
        assertThat(covered).containsExactlyInAnyOrder(Statement.values());
    }

    @Test
    @DisplayName("runs on every backend the API permits: one contract subclass per permitted Backend class")
    void everyBackendRunsTheContract() {
        Set<Class<?>> tested = new HashSet<>();
        for (Class<? extends ConnectContract> contract : ConformanceSuites.ALL) {
            tested.add(contract.getAnnotation(ContractFor.class).value());
        }
        assertThat(tested).containsExactlyInAnyOrder(Backend.class.getPermittedSubclasses());
    }
}
