package dev.connectkit.examples.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C reference ({@code fanout.c}: non-blocking connect + epoll; a blocking connect+close loop), compiled into a
 * temporary folder when a C compiler exists.
 *
 * <p>The folder is removed on every way out: {@link #close()}, and a shutdown hook for SIGTERM, SIGINT and
 * {@code System.exit} while the benchmark runs, which also stops a C process still running. Only SIGKILL leaves
 * it behind (nothing runs then).
 */
public final class CReference implements AutoCloseable {
    private final Path dir;
    private final Path binary;
    private final Thread cleanup;
    private volatile Process running;

    private CReference(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
        this.cleanup = new Thread(this::removeQuietly, "connect-fanout-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The compiled program, or why there is none (no C compiler), appended to {@code whyNot}. */
    public static Optional<CReference> compile(StringBuilder whyNot) throws IOException, InterruptedException {
        return compile(whyNot, false);
    }

    /** As {@link #compile(StringBuilder)}, and also as a shared library ({@link #sharedLibrary()}) when asked. */
    public static Optional<CReference> compile(StringBuilder whyNot, boolean sharedLibraryToo)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("connectkit-fanout");
        CReference c = new CReference(dir, dir.resolve("fanout"));
        try {
            Path source = dir.resolve("fanout.c");
            try (InputStream in = CReference.class.getResourceAsStream("/fanout.c")) {
                if (in == null) {
                    throw new IOException("fanout.c is missing from the module");
                }
                Files.copy(in, source);
            }
            String failed = cc(whyNot, "-O2", "-o", c.binary.toString(), source.toString());
            if (failed == null && sharedLibraryToo) {
                failed = cc(whyNot, "-O2", "-shared", "-fPIC", "-o", c.sharedLibrary().toString(), source.toString());
            }
            if (failed != null) {
                c.close();
                return Optional.empty();
            }
            return Optional.of(c);
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Runs cc; null when it succeeded, else why not (also appended to {@code whyNot}). */
    private static String cc(StringBuilder whyNot, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cc"));
        command.addAll(List.of(args));
        try {
            Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cc.getInputStream().readAllBytes());
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                cc.destroyForcibly();
                whyNot.append("the C compiler failed: ").append(output.strip());
                return whyNot.toString();
            }
            return null;
        } catch (IOException noCompiler) {
            whyNot.append("no C compiler (cc) found: install gcc to measure the C reference");
            return whyNot.toString();
        }
    }

    /** The folder the program was compiled into (removed by {@link #close()}). */
    public Path folder() {
        return dir;
    }

    /** {@code libfanout.so}, exporting {@code int connectkit_connect_close(int port, int n)}. */
    public Path sharedLibrary() {
        return dir.resolve("libfanout.so");
    }

    Outcomes fanout(Endpoints e, int n, Duration timeout, int window) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("fanout", "127.0.0.1", String.valueOf(e.refuseAddress.getPort()),
                String.valueOf(e.silentAddress.getPort()), String.valueOf(n), String.valueOf(timeout.toMillis()),
                String.valueOf(window)));
        for (InetSocketAddress a : e.acceptAddresses) {
            args.add(String.valueOf(a.getPort()));
        }
        String[] out = run(args.toArray(String[]::new)).strip().split("\\s+");
        return new Outcomes(Variants.C_EPOLL, Integer.parseInt(out[0]), Integer.parseInt(out[1]),
                Integer.parseInt(out[2]), Duration.ofNanos(Long.parseLong(out[4]) * 1000),
                Duration.ofNanos(Long.parseLong(out[3]) * 1000));
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        running = p;
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("the C reference failed: " + out.strip());
            }
            return out;
        } finally {
            p.destroyForcibly();
            running = null;
        }
    }

    /** Removes the folder (and stops the C program if it still runs). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it removes the folder itself
        }
        remove();
    }

    private void remove() {
        Process p = running;
        if (p != null) {
            p.destroyForcibly();
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // already removed
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (UncheckedIOException e) {
            System.err.println("connect-fanout: " + e.getMessage());
        }
    }
}
