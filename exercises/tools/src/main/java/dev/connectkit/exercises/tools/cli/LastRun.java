package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.Verdict;

import java.util.Optional;

/** What the last test run of an exercise found, from its cached result, without running anything. */
final class LastRun {
    private LastRun() {
    }

    static Optional<Integer> firstFailingTask(Exercise e) {
        return StudentLoop.lastResult(e).map(run -> Verdict.of(run, e.spec())).flatMap(v -> v.failingTasks().stream()
                .findFirst());
    }
}
