package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Converters;
import dev.connectkit.examples.runner.Text;
import dev.connectkit.examples.runner.UsageLine;
import dev.connectkit.examples.support.Example;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.Errno;
import dev.connectkit.trace.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * {@code connectkit explain ERRNO}: everything the kit knows of one errno (see {@link Explanation}), or with
 * {@code --list} (or no argument) every errno it knows. The errno is a name in any case ({@code ECONNREFUSED},
 * {@code econnrefused}) or its number on this system ({@code 111} on Linux); anything else is one line on stderr and
 * exit status 2.
 */
@Command(name = "explain")
final class Explain {
    /** The sentences of this command, before the module's shared ones. */
    static final String BUNDLE = "dev.connectkit.examples.tour.Explain";

    @Option(names = "--lang", paramLabel = "LANG", converter = Converters.LanguageTag.class, descriptionKey = "option.lang")
    Language language;

    @Option(names = "--list", descriptionKey = "option.list")
    boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "option.help")
    boolean help;

    @Parameters(paramLabel = "ERRNO", arity = "0..1", descriptionKey = "explain.errno")
    String errno;

    /** The sentences in {@code language}. */
    static Text text(Language language) {
        return Text.of(BUNDLE, language);
    }

    /**
     * Runs the parsed command; {@code outer} is the language the words before {@code explain} chose, which its own
     * {@code --lang} overrides.
     */
    int run(CommandLine commandLine, Language outer, PrintStream out, PrintStream err) {
        Text text = text(language != null ? language : outer);
        if (help) {
            commandLine.setResourceBundle(helpBundle(text));
            commandLine.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
            return Example.OK;
        }
        if (list && errno != null) {
            return usage(text.get("error.listAndErrno", Printable.line(errno)), commandLine, text, err);
        }
        if (list || errno == null) {
            list(text, out);
            return Example.OK;
        }
        Optional<Errno> found = parse(errno);
        if (found.isEmpty()) {
            return usage(errno.isEmpty() ? text.get("error.emptyErrno")
                    : text.get("error.unknownErrno", Printable.line(errno)), commandLine, text, err);
        }
        Optional<KitExercises> exercises;
        try {
            exercises = KitExercises.beside();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // An exercise file that cannot be read, or names a statement that does not exist: say so, explain the rest.
            err.println(Printable.line(text.get("error.exercises", e.getMessage())));
            exercises = Optional.empty();
        }
        for (String line : new Explanation(found.get(), text).lines(Catalogue.load(), exercises)) {
            out.println(Printable.line(line));
        }
        return Example.OK;
    }

    /**
     * The help's sentences: this command's before the shared ones, with this command's exit statuses only (picocli
     * reads {@code usage.exitCodeList.0}, {@code .1} ... in order, so the shared list's third line would follow).
     */
    private static ResourceBundle helpBundle(Text text) {
        ResourceBundle all = text.asBundle();
        ResourceBundle own = ResourceBundle.getBundle(BUNDLE, text.language().bundleLocale());
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return shown(key) && all.containsKey(key) ? all.getObject(key) : null;
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(all.keySet().stream().filter(this::shown).toList());
            }

            private boolean shown(String key) {
                return !key.startsWith("usage.exitCodeList.") || own.containsKey(key);
            }
        };
    }

    private static int usage(String problem, CommandLine commandLine, Text text, PrintStream err) {
        err.println(UsageLine.of("connectkit explain", problem, UsageLine.synopsis(commandLine), text));
        return Example.USAGE;
    }

    /**
     * The errno {@code word} names: a name in any case (ASCII letters only), or a number in ASCII digits, as this
     * system numbers errnos; empty for anything else.
     */
    static Optional<Errno> parse(String word) {
        if (word.matches("[0-9]{1,9}")) {
            return Errno.forNumber(Integer.parseInt(word));
        }
        if (word.matches("[A-Za-z][A-Za-z0-9]{0,31}")) {
            String name = word.toUpperCase(Locale.ROOT);
            for (Errno e : Errno.values()) {
                if (e.name().equals(name)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    private static void list(Text text, PrintStream out) {
        out.println(text.get("list.heading"));
        for (Errno e : Errno.values()) {
            out.println("  " + text.get("list.line", e.name(), e.number(), e.meaning(text.language()),
                    text.get("posix." + ConnectErrors.posix(e))));
        }
    }
}
