package dev.connectkit.examples.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The C reference (non-blocking connect + epoll; a blocking connect+close loop), compiled here when cc exists. */
final class CReference implements AutoCloseable {
    private final Path dir;
    private final Path binary;

    private CReference(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
    }

    /** The compiled reference, or why there is none (no C compiler). */
    static Optional<CReference> compile(StringBuilder whyNot) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("connectkit-fanout");
        Path source = dir.resolve("fanout.c");
        try (InputStream in = CReference.class.getResourceAsStream("/fanout.c")) {
            if (in == null) {
                throw new IOException("fanout.c is missing from the module");
            }
            Files.copy(in, source);
        }
        Path binary = dir.resolve("fanout");
        try {
            Process cc = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String output = new String(cc.getInputStream().readAllBytes());
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                whyNot.append("the C compiler failed: ").append(output.strip());
                deleteAll(dir);
                return Optional.empty();
            }
        } catch (IOException noCompiler) {
            whyNot.append("no C compiler (cc) found: install gcc to measure the C reference");
            deleteAll(dir);
            return Optional.empty();
        }
        return Optional.of(new CReference(dir, binary));
    }

    Outcomes fanout(Endpoints e, int n, Duration timeout, int window) throws IOException, InterruptedException {
        String[] out = run("fanout", "127.0.0.1", String.valueOf(e.acceptAddress.getPort()),
                String.valueOf(e.refuseAddress.getPort()), String.valueOf(e.silentAddress.getPort()), String.valueOf(n),
                String.valueOf(timeout.toMillis()), String.valueOf(window)).split("\\s+");
        return new Outcomes("C, epoll", Integer.parseInt(out[0]), Integer.parseInt(out[1]), Integer.parseInt(out[2]),
                Duration.ofNanos(Long.parseLong(out[3]) * 1000), "window " + window);
    }

    /** Microseconds for {@code n} blocking connect+close. */
    long perCallMicros(int port, int n) throws IOException, InterruptedException {
        return Long.parseLong(run("percall", "127.0.0.1", String.valueOf(port), String.valueOf(n)).strip());
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the C reference failed: " + out.strip());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        deleteAll(dir);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
