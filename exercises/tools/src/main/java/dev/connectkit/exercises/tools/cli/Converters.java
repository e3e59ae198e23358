package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The tools' argument types, each checked when the command line is read, so a bad value is refused before any
 * work starts, in one line that names the option and says what it needs.
 */
final class Converters {
    private Converters() {
    }

    /** An exercise, by number ({@code 4}, {@code 04}) or folder name ({@code 04-connect-timeout}). */
    static final class ExerciseRef implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.matches("\\d{1,2}") || value.matches("\\d\\d-[a-z0-9][a-z0-9-]{0,60}")) {
                return value;
            }
            throw new UsageError(Msg.CLI_BAD_EXERCISE.text(Terminal.quote(value)));
        }
    }

    /** A whole number in a range, ASCII digits only. */
    abstract static class Range implements CommandLine.ITypeConverter<Integer> {
        private final int min;
        private final int max;

        Range(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            if (value.matches("[0-9]{1,9}")) {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            }
            throw new UsageError(Msg.CLI_BAD_NUMBER.text(min, max, Terminal.quote(value)));
        }
    }

    /** A task number. */
    static final class Task extends Range {
        Task() {
            super(1, 20);
        }
    }

    /** How many times a benchmark measures. */
    static final class Runs extends Range {
        Runs() {
            super(1, 50);
        }
    }

    /** Seconds one exercise's tests may take in a grade. */
    static final class Seconds extends Range {
        Seconds() {
            super(1, 3600);
        }
    }

    /** A language: {@code en} or {@code zh} (also {@code zh_CN.UTF-8} and the like). */
    static final class Lang implements CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.fromTag(value).orElseThrow(() -> new UsageError(Msg.CLI_BAD_LANG.text(Terminal.quote(value))));
        }
    }

    /** A file to write: a non-empty path whose folder exists, and not a folder itself. */
    static final class OutputFile implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value);
            Path parent = path.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageError(Msg.CLI_NO_SUCH_FOLDER.text(Terminal.quote(value)));
            }
            if (Files.isDirectory(path)) {
                throw new UsageError(Msg.CLI_IS_A_FOLDER.text(Terminal.quote(value)));
            }
            return path;
        }
    }

    /** A folder that exists. */
    static final class ExistingFolder implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value);
            if (!Files.isDirectory(path)) {
                throw new UsageError(Msg.CLI_NOT_A_FOLDER.text(Terminal.quote(value)));
            }
            return path.toAbsolutePath().normalize();
        }
    }

    /** A folder to create: it must not exist, its parent must. */
    static final class NewFolder implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value);
            if (Files.exists(path)) {
                throw new UsageError(Msg.CLI_EXISTS.text(Terminal.quote(value)));
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageError(Msg.CLI_NO_SUCH_FOLDER.text(Terminal.quote(value)));
            }
            return path.toAbsolutePath().normalize();
        }
    }

    /** A .tar.gz to write. */
    static final class Archive implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = new OutputFile().convert(value);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!name.endsWith(".tar.gz") && !name.endsWith(".tgz")) {
                throw new UsageError(Msg.CLI_NOT_TAR_GZ.text(Terminal.quote(value)));
            }
            return path.toAbsolutePath().normalize();
        }
    }

    private static Path path(String value) {
        if (value.isBlank()) {
            throw new UsageError(Msg.CLI_EMPTY_PATH.text());
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UsageError(Msg.CLI_CONTROL_IN_PATH.text(Terminal.quote(value)));
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageError(Msg.CLI_BAD_PATH.text(Terminal.quote(value)));
        }
    }
}
