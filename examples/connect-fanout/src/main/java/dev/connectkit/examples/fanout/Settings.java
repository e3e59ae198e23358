package dev.connectkit.examples.fanout;

import dev.connectkit.examples.support.UsageException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A checked fan-out run: every option within its documented range, the window fitted to this machine, the chart's
 * file writable, all before the first connection, so bad input costs nothing and ends with one line.
 *
 * @param svg where to write the chart, or null
 */
public record Settings(int count, Duration timeout, int window, int rounds, Path svg, boolean simulated) {
    static final int DEFAULT_COUNT = 10_000;
    static final int DEFAULT_TIMEOUT_MS = 500;
    static final int DEFAULT_WINDOW = 1_000;
    static final int DEFAULT_ROUNDS = 3;
    /** The documented limits: {@code --count} 1-1,000,000, {@code --timeout-ms} 1-60,000, ... */
    static final int MAX_COUNT = 1_000_000;
    static final int MAX_TIMEOUT_MS = 60_000;
    static final int MAX_WINDOW = 65_536;
    static final int MAX_ROUNDS = 20;
    /** No run may wait longer than this for its silent endpoints alone. */
    static final Duration MAX_FLOOR = Duration.ofMinutes(15);
    /** Descriptors kept free for the JVM, the listeners and the acceptor, beyond those open at the start. */
    static final int RESERVED_DESCRIPTORS = 32;
    /** The variants that pay the floor each round: Selector, virtual threads, poll(), FFM epoll, C epoll. */
    static final int TIMED_VARIANTS = 5;
    /** The sequential variant runs this many connections only: each silent one costs the whole timeout. */
    static final int SEQUENTIAL_COUNT = 40;

    /** The usage line, with the limits. */
    static String usage() {
        return "[--count 1-" + MAX_COUNT + "] [--timeout-ms 1-" + MAX_TIMEOUT_MS + "] [--window 1-" + MAX_WINDOW
                + "] [--rounds 1-" + MAX_ROUNDS + "] [--svg FILE] [--simulated]";
    }

    /**
     * The settings {@code args} ask for, checked against the limits and this machine ({@code notes} hears about a
     * window made smaller to fit the open-file limit or the ephemeral ports).
     *
     * @throws UsageException for anything out of range, a chart file that cannot be written, or an open-file limit
     *                        too low for any window
     */
    public static Settings parse(List<String> args, Consumer<String> notes) throws UsageException {
        Text text = Text.current();
        FanoutCommand c;
        try {
            c = FanoutCommand.parse(args);
        } catch (picocli.CommandLine.ParameterException e) {
            throw new UsageException(Printable.of(e.getMessage().lines().findFirst().orElse("?")));
        }
        range(text, "--count", c.count, MAX_COUNT);
        range(text, "--timeout-ms", c.timeoutMillis, MAX_TIMEOUT_MS);
        range(text, "--window", c.window, MAX_WINDOW);
        range(text, "--rounds", c.rounds, MAX_ROUNDS);
        if (c.simulated && c.svg != null) {
            throw new UsageException(text.get("error.svgSimulated"));
        }
        Path svg = c.svg == null ? null : writableFile(text, c.svg);
        int window = c.window;
        if (!c.simulated) {
            window = fitWindow(text, window, Limits.openFiles(), Limits.openDescriptors(), Limits.ephemeralPorts(),
                    notes);
        }
        Settings s = new Settings(c.count, Duration.ofMillis(c.timeoutMillis), window, c.rounds, svg, c.simulated);
        Duration floor = s.floor();
        if (floor.compareTo(MAX_FLOOR) > 0) {
            throw new UsageException(text.get("error.tooLong", floor.toSeconds(), MAX_FLOOR.toSeconds()));
        }
        return s;
    }

    /** How many measured rounds of each variant run: one warm-up before them when there are several. */
    int roundsWithWarmUp() {
        return rounds > 1 ? rounds + 1 : 1;
    }

    /**
     * The least time this run waits for silent endpoints: each round the silent 5% hold up to a window's slots for
     * the whole timeout, so they need ceil(silent / window) timeouts, in each timed variant; the sequential one
     * waits for each of its silent endpoints in turn.
     */
    Duration floor() {
        long silent = (count + 19) / 20;
        long waves = (silent + window - 1) / window;
        long rounds = simulated ? 0 : (long) roundsWithWarmUp() * TIMED_VARIANTS;
        long sequentialSilent = simulated ? 0 : (Math.min(count, SEQUENTIAL_COUNT) + 19) / 20;
        return timeout.multipliedBy(waves * rounds + sequentialSilent);
    }

    private static void range(Text text, String option, int value, int max) throws UsageException {
        if (value < 1 || value > max) {
            throw new UsageException(text.get("error.range", option, max, value));
        }
    }

    private static Path writableFile(Text text, String name) throws UsageException {
        if (name.isBlank()) {
            throw new UsageException(text.get("error.svgEmpty"));
        }
        Path path;
        try {
            path = Path.of(name).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new UsageException(text.get("error.svgInvalid", Printable.of(name)));
        }
        Path folder = path.getParent();
        if (Files.isDirectory(path)) {
            throw new UsageException(text.get("error.svgIsFolder", Printable.of(name)));
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UsageException(text.get("error.svgNoFolder", Printable.of(String.valueOf(folder))));
        }
        if (Files.exists(path) ? !Files.isWritable(path) : !Files.isWritable(folder)) {
            throw new UsageException(text.get("error.svgNotWritable", Printable.of(name)));
        }
        return path;
    }

    /**
     * The window that fits: each connection in flight holds a descriptor and an ephemeral port. Below one free
     * descriptor no window fits at all, which is a usage error, never a loop that waits for room forever.
     */
    static int fitWindow(Text text, int window, int openFileLimit, int openNow, int ephemeralPorts,
                         Consumer<String> notes) throws UsageException {
        int room = openFileLimit - openNow - RESERVED_DESCRIPTORS;
        if (room < 1) {
            throw new UsageException(text.get("error.noDescriptors", openFileLimit, openNow, RESERVED_DESCRIPTORS));
        }
        int fitted = window;
        if (fitted > room) {
            notes.accept(text.get("note.windowFiles", window, openFileLimit, room));
            fitted = room;
        }
        int ports = ephemeralPorts * 8 / 10;
        if (fitted > ports) {
            notes.accept(text.get("note.windowPorts", fitted, ephemeralPorts, ports));
            fitted = ports;
        }
        return fitted;
    }
}
