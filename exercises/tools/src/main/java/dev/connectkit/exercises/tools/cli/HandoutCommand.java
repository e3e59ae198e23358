package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.handout.Handout;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.run.Folders;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code connectkit handout [--out FILE.tar.gz | --folder DIR]}: the kit as students get it. */
@Command(name = "handout")
final class HandoutCommand implements Callable<Integer> {
    @ParentCommand
    ConnectkitCommand parent;

    @Mixin
    ConnectkitCommand.Common common;

    @ArgGroup(exclusive = true)
    Where where;

    static final class Where {
        @Option(names = "--out", paramLabel = "FILE.tar.gz", converter = Converters.Archive.class,
                descriptionKey = "handout.out")
        Path out;

        @Option(names = "--folder", paramLabel = "DIR", converter = Converters.NewFolder.class,
                descriptionKey = "handout.folder")
        Path folder;
    }

    @Override
    public Integer call() throws Exception {
        if (where != null && where.folder != null) {
            Handout.build(parent.kit, Handout.tracked(parent.kit), where.folder);
            parent.out.println(Msg.HANDOUT_FOLDER.text(where.folder));
            return 0;
        }
        Path out = where != null && where.out != null ? where.out
                : parent.kit.resolve("target/connectkit-handout.tar.gz");
        Files.createDirectories(out.getParent());
        Path staging = Files.createTempDirectory("connectkit-handout-");
        try {
            Path folder = staging.resolve("connectkit");
            Handout.build(parent.kit, Handout.tracked(parent.kit), folder);
            Handout.pack(folder, out);
        } finally {
            Folders.delete(staging);
        }
        parent.out.println(Msg.HANDOUT_ARCHIVE.text(out));
        return 0;
    }
}
