package dev.connectkit.exercises.tools.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test JVM ({@link TestWorker}) and the tool's end of its pipes. It stays up between runs until it is closed or
 * a run goes wrong: then it is killed, and {@link #alive()} says so.
 */
public final class TestJvm implements AutoCloseable {

    /** How a run ended when it did not end by itself. */
    public enum Stop { EXITED, TIMED_OUT, OUTPUT_LIMIT }

    /** The tests that ended, and {@code stop} when the run was cut short (null when it finished). */
    public record Run(List<TestOutcome> tests, Stop stop, int exitStatus, String error) {
    }

    /** A line longer than this is not an answer: the worker's answers are a few KiB. */
    private static final int MAX_LINE = 1 << 20;

    private final Process process;
    private final String token;
    private final OutputStream requests;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private volatile long strayBytes;

    private TestJvm(Process process, String token) {
        this.process = process;
        this.token = token;
        this.requests = process.getOutputStream();
        Thread.ofPlatform().daemon().name("test-jvm-answers").start(this::readAnswers);
        Thread.ofPlatform().daemon().name("test-jvm-stderr").start(this::readStderr);
    }

    /**
     * The system property naming the test JVM's ahead-of-time cache (JDK 25, JEP 483): its classes loaded and
     * linked once, so a test JVM starts in about half the time. The launcher sets it; the cache is written by a
     * training run ({@link #AOT_RECORD} {@code =true}) and used when it exists.
     */
    public static final String AOT = "connectkit.testJvm.aot";
    /** Set to {@code true} in the training run that writes the cache. */
    public static final String AOT_RECORD = "connectkit.testJvm.aot.record";

    /**
     * The system properties a test JVM gets: the language of the tests' messages, and {@code connectkit.native}
     * when this JVM has it (so {@code -Dconnectkit.native=unavailable}, which makes the kit behave as on a laptop
     * without the native backend, reaches the tests too).
     */
    public static List<String> properties(dev.connectkit.i18n.Language language) {
        List<String> properties = new ArrayList<>(List.of("-Dconnectkit.lang=" + language.tag(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
        String nativeBackend = System.getProperty("connectkit.native");
        if (nativeBackend != null) {
            properties.add("-Dconnectkit.native=" + nativeBackend);
        }
        return properties;
    }

    /** Starts a test JVM with the toolchain's run-time class path and these system properties. */
    public static TestJvm start(Toolchain toolchain, List<String> systemProperties) throws IOException {
        List<String> command = new ArrayList<>(List.of(toolchain.jvm().toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", "-Xmx512m", "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true"));
        String aot = System.getProperty(AOT, "");
        if (!aot.isEmpty()) {
            // The JVM's own log lines would land on the answers' stream; a cache it cannot use is simply not used.
            command.add("-Xlog:disable");
            if (Boolean.getBoolean(AOT_RECORD)) {
                command.add("-XX:AOTCacheOutput=" + aot);
            } else if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(aot))) {
                command.add("-XX:AOTCache=" + aot);
            }
        }
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", Toolchain.join(toolchain.runtime()), TestWorker.class.getName()));
        Process process = new ProcessBuilder(command).start();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        TestJvm jvm = new TestJvm(process, HexFormat.of().formatHex(secret));
        jvm.write(jvm.token);
        return jvm;
    }

    /** Whether the JVM is up and can take another run. */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Runs (or lists) the tests in {@code testClasses} against {@code mainClasses}, waiting at most
     * {@code deadline}; past it, or past {@code outputLimit} bytes of output, the JVM is killed.
     */
    public Run run(boolean discoverOnly, java.nio.file.Path testClasses, java.nio.file.Path mainClasses,
                   java.nio.file.Path exerciseDir, long outputLimit, Duration deadline)
            throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return new Run(List.of(), Stop.EXITED, process.exitValue(), stderrTail());
        }
        answers.clear();
        strayBytes = 0;
        write(Protocol.JSON.writeValueAsString(new Protocol.Request(discoverOnly, testClasses.toString(),
                mainClasses.toString(), exerciseDir.toString(), outputLimit)));
        List<TestOutcome> tests = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Object next = left <= 0 ? null : answers.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)),
                    TimeUnit.NANOSECONDS);
            if (strayBytes > outputLimit) {
                kill();
                return new Run(tests, Stop.OUTPUT_LIMIT, 0, "");
            }
            if (next instanceof Protocol.Answer answer) {
                if (answer.test() != null) {
                    tests.add(answer.test());
                } else if (answer.end() != null) {
                    if (answer.end().outputExceeded()) {
                        return new Run(tests, Stop.OUTPUT_LIMIT, 0, "");
                    }
                    return new Run(tests, null, 0, answer.end().error() == null ? "" : answer.end().error());
                }
            } else if (next instanceof Integer status) {
                return new Run(tests, Stop.EXITED, status, stderrTail());
            } else if (left <= 0) {
                kill();
                return new Run(tests, Stop.TIMED_OUT, 0, "");
            }
        }
    }

    private void write(String line) throws IOException {
        try {
            requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
        } catch (IOException e) {
            if (process.isAlive()) {
                throw e;
            }
        }
    }

    private void readAnswers() {
        try (InputStream in = process.getInputStream()) {
            StringBuilder line = new StringBuilder();
            java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        accept(line.toString());
                        line.setLength(0);
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    } else {
                        strayBytes++;
                    }
                }
            }
        } catch (IOException e) {
            // the JVM went away; the exit status says how
        }
        try {
            answers.add(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(String line) {
        String prefix = token + " ";
        if (line.startsWith(prefix)) {
            try {
                answers.add(Protocol.JSON.readValue(line.substring(prefix.length()), Protocol.Answer.class));
                return;
            } catch (RuntimeException e) {
                // not an answer after all: counted as stray output below
            }
        }
        strayBytes += line.length() + 1;
    }

    private void readStderr() {
        try (InputStream in = process.getErrorStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                strayBytes += n;
                synchronized (stderr) {
                    if (stderr.length() < 16 * 1024) {
                        stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the JVM went away
        }
    }

    private String stderrTail() {
        synchronized (stderr) {
            return stderr.toString().strip();
        }
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            // It ends by itself when it reads the end of its input; one still starting up is simply stopped,
            // except in a training run, where it writes its ahead-of-time cache as it ends.
            if (!process.waitFor(Boolean.getBoolean(AOT_RECORD) ? 120_000 : 200, TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
