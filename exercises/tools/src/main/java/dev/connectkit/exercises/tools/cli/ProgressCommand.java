package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.loop.Progress;
import dev.connectkit.exercises.tools.loop.StudentLoop;
import dev.connectkit.exercises.tools.loop.Watch;
import dev.connectkit.exercises.tools.run.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code connectkit progress [--watch]}: every exercise's state, and the next thing to do. */
@Command(name = "progress")
final class ProgressCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @Option(names = "--watch", descriptionKey = "progress.watch")
    boolean watch;

    @Option(names = "--verbose", descriptionKey = "common.verbose")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        var language = ConnectkitCommand.language();
        try (StudentLoop loop = new StudentLoop(parent.kit, Toolchain.current(), language)) {
            Progress progress = new Progress(loop, language, parent.out);
            if (!watch) {
                progress.show(Optional.empty(), verbose);
                return 0;
            }
            // Ctrl-C: the watcher stops, and closing the loop ends the test JVM (which also ends on its own when
            // this JVM's pipe to it closes).
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                main.interrupt();
                try {
                    main.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                new Watch(loop, progress, parent.out, e -> { }).run(verbose);
            } catch (InterruptedException e) {
                parent.out.println(Msg.WATCH_STOPPED.text());
            }
            return 0;
        }
    }
}
