package dev.connectkit.exercises.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a student is: every exercise, passed or not, and the next one to do with its first hint. It reads the
 * test reports the last test run wrote ({@code ./connectkit progress} runs the tests first).
 */
final class Progress {
    private Progress() {
    }

    static int run(Path exercisesDir, String reportsFolder, PrintStream out) throws Exception {
        List<Exercise> exercises = Exercise.all(exercisesDir);
        Exercise next = null;
        TestResults nextResults = null;
        int passed = 0;
        out.println("connectkit exercises");
        out.println();
        for (Exercise e : exercises) {
            TestResults r = TestResults.read(e.dir().resolve("target").resolve(reportsFolder));
            long ok = r.cases().stream().filter(c -> c.status() == TestResults.Status.PASSED).count();
            String mark = !r.ran() ? "  not run" : r.allPassed() ? "  passed " : "  to do  ";
            out.printf("%s  %-20s %2d/%-2d tests  [%s]  %s%n", mark, e.name(), ok, r.cases().size(),
                    e.statements(), e.title());
            if (r.allPassed()) {
                passed++;
            } else if (next == null) {
                next = e;
                nextResults = r;
            }
        }
        out.println();
        out.printf("%d of %d exercises passed.%n", passed, exercises.size());
        if (next == null) {
            out.println("All done. Well done.");
            return 0;
        }
        out.println("Next: " + next.name() + " (" + next.dir().resolve("README.md") + ")");
        nextResults.firstFailure().ifPresent(f -> out.println("  failing: task " + f.task() + ", " + f.name()
                + (f.message().isBlank() ? "" : ": " + firstLine(f.message()))));
        List<String> hints = next.hints();
        if (!hints.isEmpty()) {
            out.println("  hint " + hints.getFirst());
        }
        return 0;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
