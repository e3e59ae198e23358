package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code progress --watch}: the progress once, then again each time a file of an exercise changes, testing only
 * that exercise. It looks every {@link #POLL} at each exercise's files (their paths, sizes and times), which
 * works the same on every file system; the test JVM stays warm between runs.
 */
public final class Watch {

    /** How often the files are looked at: a save is seen within this time. */
    public static final Duration POLL = Duration.ofMillis(100);

    private final StudentLoop loop;
    private final Progress progress;
    private final PrintStream out;
    private final Consumer<Exercise> afterEachResult;

    /**
     * {@code afterEachResult} is told each time a changed exercise's result has been printed, and once with
     * {@code null} when the first progress has been printed and the watching begins.
     */
    public Watch(StudentLoop loop, Progress progress, PrintStream out, Consumer<Exercise> afterEachResult) {
        this.loop = loop;
        this.progress = progress;
        this.out = out;
        this.afterEachResult = afterEachResult;
    }

    /** Watches until the thread is interrupted. */
    public void run(boolean verbose) throws IOException, InterruptedException {
        Map<Path, String> stamps = new HashMap<>();
        for (Exercise e : loop.exercises()) {
            stamps.put(e.dir(), stamp(e));
        }
        progress.show(Optional.empty(), verbose);
        out.println();
        out.println(Msg.WATCHING.text());
        out.flush();
        afterEachResult.accept(null);
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(POLL);
            List<Exercise> exercises = loop.exercises();
            for (Exercise e : exercises) {
                String now = stamp(e);
                if (!now.equals(stamps.get(e.dir()))) {
                    stamps.put(e.dir(), now);
                    out.println();
                    out.println("─".repeat(78));
                    out.println(Msg.CHANGED.text(StudentReport.label(e)));
                    progress.show(Optional.of(e), verbose);
                    out.flush();
                    afterEachResult.accept(e);
                }
            }
        }
    }

    /** What the watcher compares: every file's path, size and time of change. */
    static String stamp(Exercise e) throws IOException {
        StringBuilder stamp = new StringBuilder();
        for (Path f : StudentLoop.filesOf(e)) {
            try {
                stamp.append(f).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            } catch (IOException gone) {
                stamp.append(f).append(":gone\n");
            }
        }
        return stamp.toString();
    }
}
