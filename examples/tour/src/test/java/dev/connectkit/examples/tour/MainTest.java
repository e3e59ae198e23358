package dev.connectkit.examples.tour;

import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("the connectkit command")
class MainTest {

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of(args), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(30)
    @DisplayName("runs the tour: every example in order, exit status 0, within 30 s")
    void tour() {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        Run r = run();
        assertThat(r.status()).as("stderr: %s", r.err()).isZero();
        for (var example : Main.EXAMPLES) {
            assertThat(r.out()).contains(example.name() + ": " + example.summary());
        }
        assertThat(r.out()).contains("The tour is over");
    }

    @Test
    @DisplayName("lists the examples")
    void list() {
        Run r = run("list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("tcp-client");
    }

    @Test
    @DisplayName("rejects an unknown example in one line, exit status 2")
    void unknownExample() {
        Run r = run("no-such-example");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("connectkit: unknown example no-such-example");
    }
}
