package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a student is: every exercise with its state, then the one to work on and the first task it fails, with
 * that task's hint. Each exercise is built and tested on its own, so one that does not compile says why and the
 * others keep their state. The one to work on is the one the student last edited, while it does not pass.
 */
public final class Progress {
    private final StudentLoop loop;
    private final Language language;
    private final PrintStream out;

    public Progress(StudentLoop loop, Language language, PrintStream out) {
        this.loop = loop;
        this.language = language;
        this.out = out;
    }

    /**
     * Brings every result up to date and prints them. {@code changed} is the exercise that just changed (in
     * {@code --watch}), which becomes the one to work on while it does not pass. Returns the results.
     */
    public List<StudentLoop.Result> show(Optional<Exercise> changed, boolean verbose)
            throws IOException, InterruptedException {
        List<Exercise> exercises = loop.exercises();
        List<StudentLoop.Result> results = new ArrayList<>();
        for (Exercise e : exercises) {
            results.add(loop.result(e));
        }
        long passing = results.stream().filter(r -> Verdict.of(r.run(), r.exercise().spec()).passes()).count();
        out.println(Msg.PROGRESS_HEADER.text(passing, exercises.size()));
        out.println();
        for (StudentLoop.Result r : results) {
            out.println(line(r));
        }
        out.println();
        Optional<StudentLoop.Result> focus = focus(results, changed);
        if (focus.isEmpty()) {
            out.println(Msg.PROGRESS_ALL_DONE.text(exercises.size()));
            return results;
        }
        Exercise e = focus.get().exercise();
        String why = changed.filter(c -> c.equals(e)).isPresent() ? Msg.FOCUS_CHANGED.text()
                : Pristine.edited(loop.kit(), e) ? Msg.FOCUS_EDITED.text() : Msg.FOCUS_FIRST.text();
        out.println(Msg.FOCUS.text(StudentReport.label(e), why,
                loop.kit().relativize(e.readme(language).toAbsolutePath().normalize())));
        new StudentReport(loop.kit(), language, out).print(e, focus.get().run(), Optional.empty(), false, verbose);
        return results;
    }

    /** One exercise's line: its state, its tasks, its statements and title. */
    private String line(StudentLoop.Result r) {
        Exercise e = r.exercise();
        Verdict v = Verdict.of(r.run(), e.spec());
        String mark = v.passes() ? "✓" : "✗";
        String state = switch (r.run()) {
            case RunResult.DoesNotCompile d -> Msg.STATE_DOES_NOT_COMPILE.text();
            case RunResult.TestsDoNotCompile d -> Msg.STATE_TESTS_DO_NOT_COMPILE.text();
            case RunResult.Refused d -> Msg.STATE_REFUSED.text();
            case RunResult.Stopped d -> Msg.STATE_STOPPED.text();
            case RunResult.Ran d -> Msg.STATE_TASKS.text(v.tasksPassed(), v.tasks());
        };
        String statements = e.spec().statements().isEmpty() ? "" : " (" + e.spec().statements().replace(",", ", ") + ")";
        return String.format("  %s %-20s %s %s%s", mark, StudentReport.label(e), pad(state, 18), e.title(language),
                statements);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - StudentReport.displayWidth(s)));
    }

    /** The exercise to work on: the changed one, else the last edited one, else the first; only if it fails. */
    private Optional<StudentLoop.Result> focus(List<StudentLoop.Result> results, Optional<Exercise> changed)
            throws IOException {
        List<StudentLoop.Result> failing = results.stream()
                .filter(r -> !Verdict.of(r.run(), r.exercise().spec()).passes()).toList();
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        if (changed.isPresent()) {
            Optional<StudentLoop.Result> c = failing.stream().filter(r -> r.exercise().equals(changed.get())).findFirst();
            if (c.isPresent()) {
                return c;
            }
        }
        StudentLoop.Result lastEdited = null;
        long newest = -1;
        for (StudentLoop.Result r : failing) {
            if (Pristine.edited(loop.kit(), r.exercise())) {
                long t = Pristine.newest(r.exercise().mainSources());
                if (t > newest) {
                    newest = t;
                    lastEdited = r;
                }
            }
        }
        return Optional.of(lastEdited != null ? lastEdited : failing.getFirst());
    }
}
