package dev.connectkit.examples.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An example run in-process: its exit status and everything it printed, for tests and for the docs. */
public record Transcript(int status, String out, String err) {

    /** Runs {@code example} with {@code args} and captures its output. */
    public static Transcript of(Example example, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = example.run(List.of(args), o, e);
            return new Transcript(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
