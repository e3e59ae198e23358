package dev.connectkit.exercises.tools.run;

import java.util.List;

/**
 * How one test of an exercise ended, as the test JVM reports it.
 *
 * @param id        JUnit's unique id of the test
 * @param task      the task it belongs to ({@code @Tag("task:N")}), 0 when it has none
 * @param tags      all its tags, such as {@code task:3} and {@code kernel}
 * @param taskName  the display name of its container, such as "Task 2: the timeout"
 * @param name      the test's display name, the sentence that says what it checks
 * @param status    passed, failed, or skipped
 * @param message   the failure's message, or the reason for a skip
 * @param exception the failure's exception class, empty when it passed
 * @param frames    the failure's stack, innermost first, without the frames of the JDK and the test framework
 * @param output    what the test printed, the first {@link #OUTPUT_KEPT} characters
 * @param trace     the failure's whole stack trace as Java prints it, causes included (for {@code --verbose})
 */
public record TestOutcome(String id, int task, List<String> tags, String taskName, String name, Status status, String message,
                          String exception, List<Frame> frames, String output, String trace) {

    /** How much of a test's output is kept, for {@code --verbose}. */
    public static final int OUTPUT_KEPT = 8 * 1024;

    public TestOutcome {
        tags = tags == null ? List.of() : List.copyOf(tags);
        frames = frames == null ? List.of() : List.copyOf(frames);
        message = message == null ? "" : message;
        exception = exception == null ? "" : exception;
        output = output == null ? "" : output;
        trace = trace == null ? "" : trace;
    }

    /** How a test ended. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /** One stack frame. */
    public record Frame(String className, String method, String file, int line) {
    }
}
