package dev.connectkit.exercises.tools.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** What came of running an exercise's tests against some code: one of five outcomes, each with its evidence. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME)
@JsonSubTypes({@JsonSubTypes.Type(RunResult.DoesNotCompile.class), @JsonSubTypes.Type(RunResult.TestsDoNotCompile.class),
        @JsonSubTypes.Type(RunResult.Refused.class), @JsonSubTypes.Type(RunResult.Stopped.class),
        @JsonSubTypes.Type(RunResult.Ran.class)})
public sealed interface RunResult {

    /** The student's code does not compile: javac's errors. */
    record DoesNotCompile(List<Compilation.CompileError> errors) implements RunResult {
    }

    /** The code compiles, but the tests do not compile against it (a signature of the stub was changed). */
    record TestsDoNotCompile(List<Compilation.CompileError> errors) implements RunResult {
    }

    /** The code does something the tests cannot allow (see {@link CodeCheck}); no test ran. */
    record Refused(List<CodeCheck.Finding> findings) implements RunResult {
    }

    /** The run was cut short: the tests that ended before, and why it stopped. */
    record Stopped(TestJvm.Stop why, int exitStatus, String detail, List<TestOutcome> finished) implements RunResult {
    }

    /** Every test ran: how each ended. */
    record Ran(List<TestOutcome> tests) implements RunResult {
    }
}
