package dev.connectkit.conformance;

import dev.connectkit.manpage.Statement;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records every conformance test's outcome under the statements it {@link Covers}, and writes one JSON report
 * per backend ({@code target/conformance/native.json}, …) when the test run ends.
 *
 * <p>A statement is {@code pass} when all its tests passed, {@code fail} when one failed, and
 * {@code not-applicable} (with the reasons) when every test was aborted by an assumption that explains why the
 * backend cannot show it. A statement with no test is {@code untested}: never silently a pass.
 */
public final class ConformanceReport implements TestWatcher {

    /** One test's result. */
    record Result(String test, String outcome, String reason) {
    }

    /** All results of one run, by backend and statement; written when JUnit closes the root store. */
    static final class Collected implements AutoCloseable {
        private final Map<String, Map<Statement, List<Result>>> byBackend = new TreeMap<>();
        private final Map<String, List<Result>> uncategorised = new TreeMap<>();

        synchronized void add(String backend, Covers covers, Result result) {
            if (covers == null) {
                uncategorised.computeIfAbsent(backend, b -> new ArrayList<>()).add(result);
                return;
            }
            Map<Statement, List<Result>> statements =
                    byBackend.computeIfAbsent(backend, b -> new EnumMap<>(Statement.class));
            for (Statement s : covers.value()) {
                statements.computeIfAbsent(s, x -> new ArrayList<>()).add(result);
            }
        }

        @Override
        public synchronized void close() {
            Path dir = Path.of(System.getProperty("connectkit.reportDir", "target/conformance"));
            try {
                Files.createDirectories(dir);
                for (var backend : byBackend.entrySet()) {
                    Files.writeString(dir.resolve(backend.getKey() + ".json"),
                            json(backend.getKey(), backend.getValue(),
                                    uncategorised.getOrDefault(backend.getKey(), List.of())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "passed", null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, "failed", firstLine(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, "not-applicable", firstLine(cause).replaceFirst("^Assumption failed: ", ""));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, "not-applicable", reason.orElse("disabled"));
    }

    private static void record(ExtensionContext context, String outcome, String reason) {
        Object outer = context.getRequiredTestInstances().getAllInstances().getFirst();
        String backend = ((ConnectContract) outer).backend();
        Covers covers = context.getTestMethod().map((Method m) -> m.getAnnotation(Covers.class)).orElse(null);
        Collected collected = context.getRoot().getStore(ExtensionContext.Namespace.create(ConformanceReport.class))
                .getOrComputeIfAbsent(Collected.class, k -> new Collected(), Collected.class);
        collected.add(backend, covers, new Result(path(context), outcome, reason));
    }

    /** "a TCP socket > connect() to a listener returns 0": the display names from the class down to the test. */
    private static String path(ExtensionContext context) {
        List<String> names = new ArrayList<>();
        for (ExtensionContext c = context; c.getParent().isPresent() && c.getParent().get().getParent().isPresent();
             c = c.getParent().get()) {
            names.addFirst(c.getDisplayName());
        }
        names.removeFirst(); // the backend's class name, which the report already says
        return String.join(" > ", names);
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String json(String backend, Map<Statement, List<Result>> results, List<Result> others) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"backend\": ").append(quote(backend)).append(",\n  \"statements\": [\n");
        Statement[] all = Statement.values();
        for (int i = 0; i < all.length; i++) {
            Statement s = all[i];
            List<Result> tests = results.getOrDefault(s, List.of());
            out.append("    {\"id\": ").append(quote(s.id()))
                    .append(", \"title\": ").append(quote(s.title()))
                    .append(", \"status\": ").append(quote(status(tests)))
                    .append(", \"tests\": ");
            appendResults(out, tests, "      ");
            out.append("}").append(i + 1 < all.length ? "," : "").append("\n");
        }
        out.append("  ],\n  \"other\": ");
        appendResults(out, others, "    ");
        out.append("\n}\n");
        return out.toString();
    }

    private static void appendResults(StringBuilder out, List<Result> tests, String indent) {
        out.append("[");
        for (int j = 0; j < tests.size(); j++) {
            Result r = tests.get(j);
            out.append(j == 0 ? "\n" : ",\n").append(indent)
                    .append("{\"test\": ").append(quote(r.test()))
                    .append(", \"outcome\": ").append(quote(r.outcome()));
            if (r.reason() != null) {
                out.append(", \"reason\": ").append(quote(r.reason()));
            }
            out.append("}");
        }
        out.append(tests.isEmpty() ? "]" : "\n" + indent.substring(2) + "]");
    }

    static String status(List<Result> tests) {
        if (tests.isEmpty()) {
            return "untested";
        }
        if (tests.stream().anyMatch(r -> r.outcome().equals("failed"))) {
            return "fail";
        }
        if (tests.stream().allMatch(r -> r.outcome().equals("not-applicable"))) {
            return "not-applicable";
        }
        return "pass";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
