package dev.connectkit.exercises.tools.run;

import dev.connectkit.exercises.testkit.KitConsistency;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The test JVM: runs an exercise's tests with the JUnit Platform Launcher, one request at a time, each in a class
 * loader of its own (the tests first, then the student's code, over the kit's core and the libraries, which
 * always win a name conflict). It stays up between requests, so a watching tool answers a saved file fast.
 *
 * <p>Nothing from the class path configures the run: no junit-platform.properties, no auto-detected extensions,
 * engines or listeners. What the tests print is kept (bounded) with each result, never on this JVM's standard
 * output, which carries the answers (see {@link Protocol}).
 */
public final class TestWorker {
    private TestWorker() {
    }

    private static final List<String> FRAMEWORK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.",
            "org.assertj.", "org.opentest4j.", "net.bytebuddy.", "dev.connectkit.exercises.tools.");
    private static final int MAX_FRAMES = 24;
    private static final int MAX_MESSAGE = 4 * 1024;
    private static final int MAX_TRACE = 16 * 1024;

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = requests.readLine();
        if (token == null || token.isBlank()) {
            Runtime.getRuntime().halt(2);
        }
        Capture capture = new Capture();
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        System.setIn(InputStream.nullInputStream());
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        for (String line; (line = requests.readLine()) != null; ) {
            Protocol.Request request = Protocol.JSON.readValue(line, Protocol.Request.class);
            Reporter reporter = new Reporter(answers, token);
            capture.reset(request.outputLimit());
            String error = null;
            try {
                run(launcher, request, reporter, capture);
            } catch (Exception | LinkageError e) {
                error = e.toString();
            }
            reporter.send(new Protocol.Answer(null, new Protocol.End(capture.exceeded(), error)));
        }
        answers.flush();
        // Threads the tests left running must not keep this JVM up.
        Runtime.getRuntime().halt(0);
    }

    private static void run(Launcher launcher, Protocol.Request request, Reporter reporter, Capture capture)
            throws Exception {
        Path tests = Path.of(request.testClasses());
        URL[] urls = {tests.toUri().toURL(), Path.of(request.mainClasses()).toUri().toURL()};
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("exercise", urls, TestWorker.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            System.setProperty(KitConsistency.EXERCISE_DIR, request.exerciseDir()); // where the tests' exercise is
            LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
            for (String name : topLevelClasses(tests)) {
                builder.selectors(DiscoverySelectors.selectClass(loader.loadClass(name)));
            }
            LauncherDiscoveryRequest discovery = builder.build();
            Listener listener = new Listener(reporter, capture);
            if (request.discoverOnly()) {
                TestPlan plan = launcher.discover(discovery);
                listener.testPlanExecutionStarted(plan);
                for (TestIdentifier root : plan.getRoots()) {
                    for (TestIdentifier test : plan.getDescendants(root)) {
                        if (test.isTest()) {
                            listener.report(test, TestOutcome.Status.SKIPPED, "discovered", null);
                        }
                    }
                }
            } else {
                launcher.execute(discovery, listener);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static List<String> topLevelClasses(Path tests) throws Exception {
        try (Stream<Path> files = Files.walk(tests)) {
            return files.map(f -> tests.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }

    /** Sends answers, one line each, with the token. */
    private record Reporter(PrintStream answers, String token) {
        synchronized void send(Protocol.Answer answer) {
            answers.println(token + " " + Protocol.JSON.writeValueAsString(answer));
            answers.flush();
        }
    }

    /** Turns the launcher's events into one {@link TestOutcome} per test. */
    private static final class Listener implements TestExecutionListener {
        private final Reporter reporter;
        private final Capture capture;
        private final Set<String> reported = new HashSet<>();
        private TestPlan plan;

        Listener(Reporter reporter, Capture capture) {
            this.reporter = reporter;
            this.capture = capture;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                capture.startTest();
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            forEachTest(id, test -> report(test, TestOutcome.Status.SKIPPED, reason, null));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            TestOutcome.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> TestOutcome.Status.PASSED;
                case ABORTED -> TestOutcome.Status.SKIPPED;
                case FAILED -> TestOutcome.Status.FAILED;
            };
            if (id.isTest()) {
                report(id, status, t == null ? "" : String.valueOf(t.getMessage()), t);
            } else if (status != TestOutcome.Status.PASSED) {
                // A class that failed before its tests ran (a static initializer, @BeforeAll): each of its tests
                // that did not report counts with the container's reason.
                forEachTest(id, test -> report(test, status, t == null ? "" : String.valueOf(t.getMessage()), t));
            }
        }

        private void forEachTest(TestIdentifier id, java.util.function.Consumer<TestIdentifier> action) {
            if (id.isTest()) {
                action.accept(id);
            } else if (plan != null) {
                plan.getDescendants(id).stream().filter(TestIdentifier::isTest).forEach(action);
            }
        }

        void report(TestIdentifier id, TestOutcome.Status status, String message, Throwable t) {
            if (!reported.add(id.getUniqueId())) {
                return;
            }
            int task = taskOf(id);
            String taskName = "";
            String name = id.getDisplayName();
            Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
            if (parent.isPresent() && parent.get().getTags().stream().noneMatch(tag -> tag.getName().startsWith("task:"))
                    && parent.get().getSource().isPresent() && !isClass(parent.get())) {
                name = parent.get().getDisplayName() + " " + name;
            }
            for (Optional<TestIdentifier> p = parent; p.isPresent(); p = plan.getParent(p.get())) {
                if (isClass(p.get())) {
                    taskName = p.get().getDisplayName();
                    break;
                }
            }
            List<TestOutcome.Frame> frames = new ArrayList<>();
            if (t != null) {
                for (StackTraceElement e : t.getStackTrace()) {
                    if (FRAMEWORK.stream().noneMatch(e.getClassName()::startsWith) && frames.size() < MAX_FRAMES) {
                        frames.add(new TestOutcome.Frame(e.getClassName(), e.getMethodName(),
                                e.getFileName() == null ? "" : e.getFileName(), Math.max(0, e.getLineNumber())));
                    }
                }
            }
            String text = message == null ? "" : message;
            if (text.length() > MAX_MESSAGE) {
                text = text.substring(0, MAX_MESSAGE) + " …";
            }
            List<String> tags = id.getTags().stream().map(org.junit.platform.engine.TestTag::getName).sorted().toList();
            reporter.send(new Protocol.Answer(new TestOutcome(id.getUniqueId(), task, tags, taskName, name, status, text,
                    t == null ? "" : t.getClass().getName(), frames, capture.testOutput(), trace(t)), null));
        }

        /** The stack trace as printStackTrace() writes it, cut at {@link #MAX_TRACE} characters. */
        private static String trace(Throwable t) {
            if (t == null) {
                return "";
            }
            java.io.StringWriter text = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(text));
            String trace = text.toString();
            return trace.length() > MAX_TRACE ? trace.substring(0, MAX_TRACE) + "\n…" : trace;
        }

        private static boolean isClass(TestIdentifier id) {
            return id.getSource().map(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource)
                    .orElse(false);
        }

        private static int taskOf(TestIdentifier id) {
            for (var tag : id.getTags()) {
                if (tag.getName().matches("task:\\d{1,2}")) {
                    return Integer.parseInt(tag.getName().substring("task:".length()));
                }
            }
            return 0;
        }
    }

    /**
     * Where the tests' output goes: counted over the whole run, the start of each test's output kept. Past the
     * run's limit the writer gets an error, which stops a printing loop.
     */
    static final class Capture extends OutputStream {
        private long limit;
        private long total;
        private boolean exceeded;
        private final StringBuilder test = new StringBuilder();

        synchronized void reset(long limit) {
            this.limit = limit;
            this.total = 0;
            this.exceeded = false;
            test.setLength(0);
        }

        synchronized void startTest() {
            test.setLength(0);
        }

        synchronized String testOutput() {
            return test.toString();
        }

        synchronized boolean exceeded() {
            return exceeded;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            total += len;
            if (total > limit) {
                exceeded = true;
                throw new OutputLimitExceeded(limit);
            }
            int room = TestOutcome.OUTPUT_KEPT - test.length();
            if (room > 0) {
                test.append(new String(b, off, Math.min(len, room), StandardCharsets.UTF_8));
            }
        }
    }

    /** Thrown into code that prints past the limit. */
    static final class OutputLimitExceeded extends Error {
        private static final long serialVersionUID = 1L;

        OutputLimitExceeded(long limit) {
            super("the tests printed more than " + limit + " bytes");
        }
    }
}
