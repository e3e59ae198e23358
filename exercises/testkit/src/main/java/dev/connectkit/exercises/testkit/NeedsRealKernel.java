package dev.connectkit.exercises.testkit;

import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs on the real kernel ({@link Sockets#nativeLibc()}). Where the native backend cannot run (macOS,
 * Windows, or {@code -Dconnectkit.native=unavailable}) it is skipped with the reason, and the exercise's other
 * tests still run. The tag {@code kernel} tells a grader that such a skip is the machine's, not the student's.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag("kernel")
@ExtendWith(NeedsRealKernel.Condition.class)
public @interface NeedsRealKernel {

    /** Skips the test, with the reason, when the native backend is unavailable. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Sockets.nativeUnavailableReason()
                    .map(why -> ConditionEvaluationResult.disabled(Messages.testkit().text("kernel.unavailable", why)))
                    .orElseGet(() -> ConditionEvaluationResult.enabled("the native backend runs here"));
        }
    }
}
