package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.ExerciseSpec;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestOutcome;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A student's view of one result: which tasks pass, which fail, which could not run on this machine. A task
 * passes when every one of its tests passed; a test skipped because the real kernel is unavailable here (tag
 * {@code kernel}) neither passes nor fails it, and is shown with its reason. Tests outside the tasks (tag
 * {@code kit}: the exercise's own consistency checks) count only when they fail.
 */
public record Verdict(RunResult run, int tasks, Map<Integer, List<TestOutcome>> byTask, List<TestOutcome> others) {

    /** The verdict on {@code run} for an exercise with {@code spec}'s tasks. */
    public static Verdict of(RunResult run, ExerciseSpec spec) {
        Map<Integer, List<TestOutcome>> byTask = new TreeMap<>();
        List<TestOutcome> others = new java.util.ArrayList<>();
        List<TestOutcome> tests = switch (run) {
            case RunResult.Ran ran -> ran.tests();
            case RunResult.Stopped stopped -> stopped.finished();
            default -> List.of();
        };
        for (TestOutcome t : tests) {
            if (t.task() >= 1 && t.task() <= spec.tasks()) {
                byTask.computeIfAbsent(t.task(), k -> new java.util.ArrayList<>()).add(t);
            } else {
                others.add(t);
            }
        }
        return new Verdict(run, spec.tasks(), byTask, others);
    }

    /** Whether the tests ran to the end. */
    public boolean ran() {
        return run instanceof RunResult.Ran;
    }

    /**
     * Whether task {@code task} passes here: it ran, and each of its tests passed or needs the real kernel that
     * this machine cannot offer (the student cannot do more for it here; a grade says otherwise, see the grader).
     */
    public boolean passes(int task) {
        List<TestOutcome> tests = byTask.getOrDefault(task, List.of());
        return ran() && !tests.isEmpty() && tests.stream().allMatch(t -> t.status() == TestOutcome.Status.PASSED
                || skippedHere(t));
    }

    /** Whether {@code t} was skipped because this machine cannot run the real kernel. */
    public static boolean skippedHere(TestOutcome t) {
        return t.status() == TestOutcome.Status.SKIPPED && t.tags().contains(ExerciseSpec.KERNEL);
    }

    /** How many tasks pass. */
    public int tasksPassed() {
        int n = 0;
        for (int task = 1; task <= tasks; task++) {
            n += passes(task) ? 1 : 0;
        }
        return n;
    }

    /** The tasks that do not pass, in order. */
    public List<Integer> failingTasks() {
        return java.util.stream.IntStream.rangeClosed(1, tasks).filter(t -> !passes(t)).boxed().toList();
    }

    /** The checks outside the tasks that failed. */
    public List<TestOutcome> failingOthers() {
        return others.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).toList();
    }

    /** Whether the whole exercise passes. */
    public boolean passes() {
        return ran() && tasksPassed() == tasks && failingOthers().isEmpty();
    }

    /** The tests skipped because this machine cannot run the real kernel. */
    public List<TestOutcome> skippedHere() {
        return byTask.values().stream().flatMap(List::stream).filter(Verdict::skippedHere).toList();
    }
}
