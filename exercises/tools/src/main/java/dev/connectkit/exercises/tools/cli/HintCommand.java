package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.StudentReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code connectkit hint NN [TASK]}: a hint from the exercise's README, in the current language. Without a task,
 * the hint for the first task the last test run found failing (every hint when there was no run).
 */
@Command(name = "hint")
final class HintCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Parameters(index = "0", paramLabel = "NN", converter = Converters.ExerciseRef.class, descriptionKey = "common.exercise")
    String exercise;

    @Parameters(index = "1", paramLabel = "TASK", arity = "0..1", converter = Converters.Task.class,
            descriptionKey = "hint.task")
    Integer task;

    @Option(names = "--all", descriptionKey = "hint.all")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Exercise e = parent.exercise(exercise);
        var language = ConnectkitCommand.language();
        Map<Integer, String> hints = e.hints(language);
        if (task != null && task > e.spec().tasks()) {
            throw new UsageError(Msg.CLI_NO_SUCH_TASK.text(task, StudentReport.label(e), e.spec().tasks()));
        }
        Integer wanted = all ? null : task != null ? task : LastRun.firstFailingTask(e).orElse(null);
        parent.out.println(Msg.HINT_HEADER.text(StudentReport.label(e), e.title(language)));
        for (int t = 1; t <= e.spec().tasks(); t++) {
            if (wanted == null || wanted == t) {
                parent.out.println();
                parent.out.println(Msg.HINT_FOR_TASK.text(t, hints.getOrDefault(t, Msg.HINT_NONE.text())));
            }
        }
        if (wanted != null && !all) {
            parent.out.println();
            parent.out.println(Msg.HINT_MORE.text(e.number()));
        }
        return 0;
    }
}
