package dev.connectkit.exercises.tools.run;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the tool and its test JVM say to each other, one JSON object per line. The tool writes a secret token and
 * then requests on the test JVM's standard input; the test JVM answers on its standard output with lines that
 * start with the token. The tests' own output never reaches that stream, and a line without the token is not an
 * answer, so code under test cannot write a result.
 */
final class Protocol {
    private Protocol() {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Run (or only list) the tests compiled in {@code testClasses} against the code in {@code mainClasses};
     * stop the run when the tests print more than {@code outputLimit} bytes. {@code exerciseDir} is the
     * exercise's folder (its README), which the tests find in the system property {@code connectkit.exerciseDir}.
     */
    record Request(boolean discoverOnly, String testClasses, String mainClasses, String exerciseDir,
                   long outputLimit) {
    }

    /** One answer: a test ended ({@code test}), or the run ended ({@code end}, with how). */
    record Answer(TestOutcome test, End end) {
    }

    /** The end of a run: {@code outputExceeded} when the tests printed too much; {@code error} when it broke. */
    record End(boolean outputExceeded, String error) {
    }
}
