package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Descriptor;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Transcript;
import dev.connectkit.examples.testing.Runs;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errnos each example's descriptor names ({@code errnos=}, which {@code connectkit explain} reads) are exactly the
 * errnos its traced run shows, on the simulator and, where it runs, on the kernel: a call that failed
 * ({@code = -1 ECONNREFUSED (...)}) or a pending error read back ({@code SO_ERROR, [ECONNREFUSED]}). A descriptor
 * that names one more or one less fails here, so explain never points at an example that does not show the errno.
 */
@DisplayName("the errnos each example shows")
@Timeout(60)
class ExampleErrnosTest {
    private static final Pattern FAILED = Pattern.compile("= -1 (E[A-Z]+) \\(");
    private static final Pattern SO_ERROR = Pattern.compile("SO_ERROR, \\[(E[A-Z]+)]");

    /** The errnos a trace shows. */
    static Set<Errno> shownBy(String trace) {
        Set<Errno> shown = EnumSet.noneOf(Errno.class);
        for (Pattern p : List.of(FAILED, SO_ERROR)) {
            Matcher m = p.matcher(trace);
            while (m.find()) {
                shown.add(Errno.valueOf(m.group(1)));
            }
        }
        return shown;
    }

    @TestFactory
    List<DynamicTest> descriptorsNameWhatTheRunsShow() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the trace reader finds both forms of an errno", () ->
                assertThat(shownBy("connect(3, {AF_INET, 127.0.0.1:9}, 16) = -1 ECONNREFUSED (Connection refused)  [S-07]\n"
                        + "getsockopt(3, SOL_SOCKET, SO_ERROR, [ETIMEDOUT], [4]) = 0\nclose(3) = 0\n"))
                        .containsExactlyInAnyOrder(Errno.ECONNREFUSED, Errno.ETIMEDOUT)));
        boolean kernel = Sockets.nativeUnavailableReason().isEmpty();
        for (Example example : Catalogue.load().tour()) {
            List<Errno> named = Descriptor.of(example.getClass().getPackageName()).errnos();
            tests.add(DynamicTest.dynamicTest(example.name() + " on the simulator shows " + named, () ->
                    check(example.name(), named, Runs.simulated(example.name()))));
            if (kernel) { // without the native backend the run falls back to the simulator: nothing more to see
                tests.add(DynamicTest.dynamicTest(example.name() + " on the kernel shows " + named, () ->
                        check(example.name(), named, Runs.kernel(example.name()))));
            }
        }
        return tests;
    }

    private static void check(String name, List<Errno> named, Transcript run) {
        assertThat(run.status()).as("%s's exit status; stderr: %s", name, run.err()).isEqualTo(Example.OK);
        assertThat(shownBy(run.out())).as("the errnos %s's trace shows, against its descriptor's errnos=", name)
                .containsExactlyInAnyOrderElementsOf(named);
    }
}
