package dev.connectkit.exercises.tools.loop;

import dev.connectkit.exercises.tools.exercise.Exercise;
import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.exercises.tools.run.CodeCheck;
import dev.connectkit.exercises.tools.run.Compilation;
import dev.connectkit.exercises.tools.run.ExerciseRunner;
import dev.connectkit.exercises.tools.run.RunResult;
import dev.connectkit.exercises.tools.run.TestOutcome;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a student reads about one exercise's result: one line when it passes (and what comes next); for a
 * failure, per failing task the test's sentence, the assertion's message, the student's file and line and the
 * hint for that task; javac's message with file and line; one sentence for an exit, a refused call, a run that
 * did not end. Never a framework stack frame; those, and what the tests printed, are behind {@code --verbose}.
 */
public final class StudentReport {
    private final Path kit;
    private final Language language;
    private final PrintStream out;

    private static final int MAX_MESSAGE_LINES = 8;
    private static final int MAX_COMPILE_ERRORS = 5;

    public StudentReport(Path kit, Language language, PrintStream out) {
        this.kit = kit;
        this.language = language;
        this.out = out;
    }

    /** An exercise's label: {@code 04 connect-timeout}. */
    public static String label(Exercise e) {
        return e.number() + " " + e.name().substring(3);
    }

    /**
     * The report of {@code test NN}. {@code next} is the exercise to do next when this one passes, if any.
     * {@code allTasks}: every failing task (test), or only the first (progress).
     */
    public void print(Exercise exercise, RunResult run, Optional<Exercise> next, boolean allTasks, boolean verbose)
            throws IOException {
        Verdict verdict = Verdict.of(run, exercise.spec());
        Map<Integer, String> hints = exercise.hints(language);
        switch (run) {
            case RunResult.DoesNotCompile d -> {
                out.println(Msg.DOES_NOT_COMPILE.text(label(exercise)));
                compileErrors(d.errors());
            }
            case RunResult.TestsDoNotCompile d -> {
                out.println(Msg.TESTS_DO_NOT_COMPILE.text(label(exercise)));
                compileErrors(d.errors());
            }
            case RunResult.Refused r -> {
                out.println(Msg.REFUSED.text(label(exercise)));
                for (CodeCheck.Finding f : r.findings().subList(0, Math.min(5, r.findings().size()))) {
                    out.println("  " + finding(exercise, f));
                }
            }
            case RunResult.Stopped s -> {
                out.println(switch (s.why()) {
                    case TIMED_OUT -> Msg.STOPPED_TIMEOUT.text(label(exercise), StudentLoop.DEADLINE.toSeconds());
                    case OUTPUT_LIMIT -> Msg.STOPPED_OUTPUT.text(label(exercise), ExerciseRunner.OUTPUT_LIMIT >> 20);
                    case EXITED -> Msg.STOPPED_EXIT.text(label(exercise), s.exitStatus());
                });
                if (verbose && !s.detail().isBlank()) {
                    out.println(indent(s.detail(), "  "));
                }
            }
            case RunResult.Ran ran -> {
                if (verdict.passes()) {
                    out.println(Msg.PASSES.text(label(exercise), verdict.tasks()) + " "
                            + next.map(n -> Msg.NEXT.text(n.number(), n.title(language))).orElse(Msg.ALL_DONE.text()));
                    skippedHere(verdict);
                    if (verbose) {
                        verboseOutcomes(ran.tests());
                    }
                    return;
                }
                if (ran.tests().isEmpty()) {
                    out.println(Msg.NO_TESTS.text(label(exercise)));
                    return;
                }
                out.println(Msg.TASKS_PASS.text(label(exercise), verdict.tasksPassed(), verdict.tasks()));
            }
        }
        tasks(exercise, verdict, hints, allTasks);
        if (verbose) {
            verboseOutcomes(verdict.byTask().values().stream().flatMap(List::stream).toList());
            verboseOutcomes(verdict.others());
        } else if (!(run instanceof RunResult.DoesNotCompile) && !(run instanceof RunResult.Refused)) {
            out.println();
            out.println(Msg.MORE.text(exercise.number()));
        }
    }

    private void tasks(Exercise exercise, Verdict verdict, Map<Integer, String> hints, boolean allTasks) {
        if (!verdict.ran() && verdict.byTask().isEmpty()) {
            return;
        }
        for (int task : verdict.failingTasks()) {
            List<TestOutcome> tests = verdict.byTask().getOrDefault(task, List.of());
            Optional<TestOutcome> failed = tests.stream().filter(t -> t.status() != TestOutcome.Status.PASSED
                    && !Verdict.skippedHere(t)).findFirst();
            out.println();
            String taskName = tests.isEmpty() ? Msg.TASK.text(task) : tests.getFirst().taskName();
            out.println(taskName.isBlank() ? Msg.TASK.text(task) : taskName);
            if (failed.isPresent()) {
                TestOutcome t = failed.get();
                out.println(field(Msg.FIELD_TEST.text(), t.name()));
                if (t.status() == TestOutcome.Status.SKIPPED) {
                    out.println(field(Msg.FIELD_WHY.text(), Msg.SKIPPED_NOT_HERE.text(oneLine(t.message()))));
                } else {
                    out.println(field(Msg.FIELD_WHY.text(), message(t)));
                    where(exercise, t).ifPresent(w -> out.println(field(Msg.FIELD_WHERE.text(), w)));
                }
            } else if (!verdict.ran()) {
                out.println(field(Msg.FIELD_WHY.text(), Msg.TASK_NOT_RUN.text()));
            }
            String hint = hints.get(task);
            if (hint != null) {
                out.println(field(Msg.FIELD_HINT.text(), hint));
            }
            if (!allTasks) {
                break;
            }
        }
        for (TestOutcome t : verdict.failingOthers()) {
            out.println();
            out.println(Msg.KIT_CHECK.text());
            out.println(field(Msg.FIELD_TEST.text(), t.name()));
            out.println(field(Msg.FIELD_WHY.text(), message(t)));
        }
        skippedHere(verdict);
    }

    private void skippedHere(Verdict verdict) {
        verdict.skippedHere().stream().findFirst().ifPresent(t ->
                out.println(Msg.SKIPPED_HERE.text(verdict.skippedHere().size(), oneLine(t.message()))));
    }

    /** A stack frame as a message prints it: {@code at module//pkg.Class.method(File.java:12)}. */
    private static final java.util.regex.Pattern FRAME_LINE = java.util.regex.Pattern.compile(
            "at (?:[\\w.$-]*/+)?([\\w.$]+)\\.([\\w$<>]+)\\(([\\w$]+\\.java):(\\d+)\\)");
    private static final java.util.regex.Pattern ELIDED = java.util.regex.Pattern.compile("\\.\\.\\.\\(\\d+ remaining lines.*");

    /**
     * The assertion's message, a few lines at most: without AssertJ's leading blank lines, and without the stack
     * frames some assertion messages quote (where they point into the student's code, {@link #where} says so).
     */
    private static String message(TestOutcome t) {
        List<String> lines = t.message().lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !FRAME_LINE.matcher(l).matches() && !ELIDED.matcher(l).matches()).toList();
        if (lines.isEmpty()) {
            String simple = t.exception().substring(t.exception().lastIndexOf('.') + 1);
            return simple.isEmpty() ? "" : simple;
        }
        List<String> kept = lines.subList(0, Math.min(MAX_MESSAGE_LINES, lines.size()));
        String text = String.join("\n", kept) + (lines.size() > kept.size() ? "\n…" : "");
        if (!t.exception().startsWith("org.opentest4j.") && !t.exception().startsWith("java.lang.AssertionError")
                && !t.exception().isEmpty()) {
            text = t.exception().substring(t.exception().lastIndexOf('.') + 1) + ": " + text;
        }
        return text;
    }

    /** Where it went wrong: the innermost frame in the student's code, else the test's line that checked it. */
    private Optional<String> where(Exercise exercise, TestOutcome t) {
        for (TestOutcome.Frame f : t.frames()) {
            Optional<Path> file = sourceOf(exercise.mainSources(), f);
            if (file.isPresent()) {
                return Optional.of(Msg.WHERE_YOURS.text(display(file.get()), f.line()));
            }
        }
        for (String line : t.message().lines().map(String::strip).toList()) {
            java.util.regex.Matcher m = FRAME_LINE.matcher(line);
            if (m.matches()) {
                TestOutcome.Frame quoted = new TestOutcome.Frame(m.group(1), m.group(2), m.group(3),
                        Integer.parseInt(m.group(4)));
                Optional<Path> file = sourceOf(exercise.mainSources(), quoted);
                if (file.isPresent()) {
                    return Optional.of(Msg.WHERE_YOURS.text(display(file.get()), quoted.line()));
                }
            }
        }
        for (TestOutcome.Frame f : t.frames()) {
            Optional<Path> file = sourceOf(exercise.testSources(), f);
            if (file.isPresent()) {
                return Optional.of(Msg.WHERE_TEST.text(display(file.get()), f.line()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> sourceOf(Path root, TestOutcome.Frame f) {
        if (f.file().isEmpty() || f.line() <= 0) {
            return Optional.empty();
        }
        String cls = f.className();
        String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
        Path file = root.resolve(pkg.replace('.', '/')).resolve(f.file());
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(kit) ? kit.relativize(abs).toString() : abs.toString();
    }

    private String finding(Exercise exercise, CodeCheck.Finding f) {
        String where = f.source() == null ? "src/main/java"
                : display(exercise.mainSources().resolve(f.source())) + (f.line() > 0 ? ":" + f.line() : "");
        return switch (f.rule()) {
            case EXIT -> Msg.RULE_EXIT.text(where, f.what());
            case PROCESS -> Msg.RULE_PROCESS.text(where, f.what());
            case REFLECTION -> Msg.RULE_REFLECTION.text(where, f.what());
            case NATIVE -> Msg.RULE_NATIVE.text(where, f.what());
            case JVM_STATE -> Msg.RULE_JVM_STATE.text(where, f.what());
            case SHADOW -> Msg.RULE_SHADOW.text(where, f.what());
        };
    }

    /** One line about a finding, for a grade's reason. */
    public static String findingLine(CodeCheck.Finding f) {
        String where = (f.source() == null ? "src/main/java" : f.source()) + (f.line() > 0 ? ":" + f.line() : "");
        return switch (f.rule()) {
            case EXIT -> Msg.RULE_EXIT.text(where, f.what());
            case PROCESS -> Msg.RULE_PROCESS.text(where, f.what());
            case REFLECTION -> Msg.RULE_REFLECTION.text(where, f.what());
            case NATIVE -> Msg.RULE_NATIVE.text(where, f.what());
            case JVM_STATE -> Msg.RULE_JVM_STATE.text(where, f.what());
            case SHADOW -> Msg.RULE_SHADOW.text(where, f.what());
        };
    }

    private void compileErrors(List<Compilation.CompileError> errors) {
        for (Compilation.CompileError e : errors.subList(0, Math.min(MAX_COMPILE_ERRORS, errors.size()))) {
            out.println();
            String where = e.file() == null ? "" : display(e.file()) + (e.line() > 0 ? ":" + e.line() : "") + ": ";
            out.println(where + Msg.COMPILE_ERROR.text(e.message().lines().findFirst().orElse("")));
            e.message().lines().skip(1).forEach(l -> out.println("  " + l));
            if (!e.sourceLine().isBlank()) {
                out.println("  " + e.sourceLine().stripTrailing());
                if (e.column() > 0) {
                    out.println("  " + caretLine(e.sourceLine(), e.column()));
                }
            }
        }
        if (errors.size() > MAX_COMPILE_ERRORS) {
            out.println(Msg.MORE_ERRORS.text(errors.size() - MAX_COMPILE_ERRORS));
        }
    }

    /** Spaces (tabs kept) up to the column, then a caret. */
    private static String caretLine(String line, long column) {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1 && i < line.length(); i++) {
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }

    private void verboseOutcomes(List<TestOutcome> tests) {
        for (TestOutcome t : tests) {
            out.println();
            out.println("[" + t.status() + "] " + t.taskName() + " > " + t.name());
            if (!t.trace().isBlank()) {
                out.println(indent(t.trace().stripTrailing(), "    "));
            } else if (!t.message().isBlank()) {
                out.println(indent(t.message().strip(), "    "));
            }
            if (!t.output().isEmpty()) {
                out.println(indent(t.output().stripTrailing(), "    | "));
            }
        }
    }

    /** A labelled field, the labels padded to one width, continuation lines under the text. */
    private static String field(String label, String text) {
        int width = 0;
        for (Msg m : List.of(Msg.FIELD_TEST, Msg.FIELD_WHY, Msg.FIELD_WHERE, Msg.FIELD_HINT)) {
            width = Math.max(width, displayWidth(m.text()));
        }
        String head = "  " + label + " ".repeat(width - displayWidth(label) + 1);
        return head + text.replace("\n", "\n" + " ".repeat(displayWidth(head)));
    }

    /** Terminal columns: East Asian wide characters take two. */
    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
                    || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
                    || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
        }
        return w;
    }

    private static String oneLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
