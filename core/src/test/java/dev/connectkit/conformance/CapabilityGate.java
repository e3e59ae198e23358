package dev.connectkit.conformance;

import dev.connectkit.posix.Capability;
import dev.connectkit.posix.UnsupportedCapabilityException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where a test meets a backend's {@link Capability capabilities}: a test marked {@link Requires}
 * runs as usual where the backend has what it needs; where it lacks something, the test must end with the
 * backend refusing loudly ({@link UnsupportedCapabilityException} naming a missing capability), and the refusal
 * is recorded for the report as "not applicable" with the backend's own reason.
 */
public final class CapabilityGate implements InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapabilityGate.class);

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                    ExtensionContext context) throws Throwable {
        Requires requires = method.getExecutable().getAnnotation(Requires.class);
        Object instance = context.getRequiredTestInstances().getAllInstances().getFirst();
        if (requires == null || !(instance instanceof ConnectContract contract)) {
            invocation.proceed();
            return;
        }
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (Capability c : requires.value()) {
            if (!contract.s.supports(c)) {
                missing.add(c);
            }
        }
        if (missing.isEmpty()) {
            invocation.proceed();
            return;
        }
        try {
            invocation.proceed();
        } catch (UnsupportedCapabilityException refused) {
            if (!missing.contains(refused.capability())) {
                throw new AssertionError(contract.backend() + " refused " + refused.capability()
                        + ", but the test needs only " + missing + " of what it lacks", refused);
            }
            context.getStore(NAMESPACE).put(Refusal.class, new Refusal(refused.getMessage()));
            contract.s.close(); // the refusal ended the test early: what it opened is closed here
            return;
        }
        throw new AssertionError(contract.backend() + " lacks " + missing + ", yet the test ran through: the"
                + " backend must refuse with UnsupportedCapabilityException instead of differing silently");
    }

    /** Why the backend refused, if it did: the report shows the test as not applicable with this reason. */
    static Optional<String> refusal(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(Refusal.class, Refusal.class)).map(Refusal::reason);
    }

    private record Refusal(String reason) {
    }
}
