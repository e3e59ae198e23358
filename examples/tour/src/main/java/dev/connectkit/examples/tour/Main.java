package dev.connectkit.examples.tour;

import dev.connectkit.examples.runner.Fallback;
import dev.connectkit.examples.runner.Terminal;
import dev.connectkit.examples.runner.Text;
import dev.connectkit.examples.runner.UsageLine;
import dev.connectkit.examples.support.Example;
import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.trace.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code connectkit} command: with no argument, the tour (every example in order, each against its own
 * loopback peer); {@code connectkit list} lists them; {@code connectkit NAME [options]} runs one;
 * {@code connectkit explain ERRNO} explains an errno ({@link Explain}).
 */
public final class Main {
    private Main() {
    }

    /** The words before the command: {@code --lang} and {@code --help}; the first other word is the command. */
    @Command(name = "connectkit", synopsisSubcommandLabel = "") // explain is one of the COMMAND words
    static final class Words {
        @Option(names = "--lang", paramLabel = "LANG",
                converter = dev.connectkit.examples.runner.Converters.LanguageTag.class, descriptionKey = "option.lang")
        Language language;

        @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "option.help")
        boolean help;

        @Parameters(paramLabel = "COMMAND", arity = "0..*", descriptionKey = "connectkit.command")
        List<String> words = new ArrayList<>();
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), Terminal.out(), Terminal.err()));
    }

    /** Runs the command and returns its exit status (0 ok, 1 a call failed, 2 bad input). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Language language = requestedLanguage(args).orElseGet(Language::current);
        String previous = System.getProperty(Language.PROPERTY);
        System.setProperty(Language.PROPERTY, language.tag());
        try {
            return dispatch(args, Text.shared(language), out, err);
        } finally {
            if (previous == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, previous);
            }
        }
    }

    private static int dispatch(List<String> args, Text text, PrintStream out, PrintStream err) {
        Words words = new Words();
        CommandLine commandLine = commandLine(words, "connectkit", text);
        commandLine.setStopAtPositional(true); // everything after the command belongs to it
        commandLine.getCommandSpec().usageMessage().description(text.get("connectkit.description"));
        Explain explain = new Explain();
        CommandLine explainLine = commandLine(explain, "explain", Explain.text(text.language()));
        commandLine.addSubcommand("explain", explainLine); // after setStopAtPositional: its options may follow the errno
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args.toArray(String[]::new));
            UsageLine.refuseUnmatched(commandLine);
            UsageLine.refuseUnmatched(explainLine);
        } catch (CommandLine.ParameterException e) {
            err.println(UsageLine.of(e.getCommandLine() == explainLine ? "connectkit explain" : "connectkit", e, text));
            return Example.USAGE;
        }
        if (words.help) {
            commandLine.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
            return Example.OK;
        }
        if (parsed.hasSubcommand()) {
            return explain.run(explainLine, text.language(), out, err);
        }
        Catalogue catalogue = Catalogue.load();
        List<String> rest = words.words.isEmpty() ? List.of() : words.words.subList(1, words.words.size());
        String command = words.words.isEmpty() ? "tour" : words.words.getFirst();
        return switch (command) {
            case "tour" -> noArguments("tour", rest, text, err) ? tour(catalogue, text, out, err) : Example.USAGE;
            case "list" -> noArguments("list", rest, text, err) ? list(catalogue, text, out) : Example.USAGE;
            default -> {
                Optional<Example> example = catalogue.find(command);
                if (example.isEmpty()) {
                    err.println(UsageLine.of("connectkit", text.get("error.unknownExample", Printable.line(command),
                            catalogue.all().stream().map(Example::name).collect(Collectors.joining(", "))),
                            UsageLine.synopsis(commandLine), text));
                    yield Example.USAGE;
                }
                yield example.get().run(rest, out, err);
            }
        };
    }

    /** {@code tour} and {@code list} take no argument of their own (--lang and --help go before them). */
    private static boolean noArguments(String command, List<String> rest, Text text, PrintStream err) {
        if (rest.isEmpty()) {
            return true;
        }
        err.println(UsageLine.of("connectkit " + command, text.get("error.unexpectedArgument", Printable.line(rest.getFirst())),
                "connectkit [--lang=LANG] " + command, text));
        return false;
    }

    private static CommandLine commandLine(Object command, String name, Text text) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCommandName(name);
        commandLine.setResourceBundle(text.asBundle());
        commandLine.setExpandAtFiles(false);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setUsageHelpWidth(100);
        return commandLine;
    }

    /**
     * The language {@code --lang} asks for among the words before the command, if any; for {@code explain}, also
     * among its own words, so that its errors are in the language asked for wherever {@code --lang} stands.
     */
    private static Optional<Language> requestedLanguage(List<String> args) {
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            Optional<Language> asked = langOption(args, i);
            if (asked.isPresent()) {
                return asked;
            }
        }
        if (i < args.size() && args.get(i).equals("explain")) {
            for (int j = i + 1; j < args.size() && !args.get(j).equals("--"); j++) {
                Optional<Language> asked = langOption(args, j);
                if (asked.isPresent()) {
                    return asked;
                }
            }
        }
        return Optional.empty();
    }

    /** The language of a {@code --lang LANG} or {@code --lang=LANG} at {@code args[i]}, if it names one. */
    private static Optional<Language> langOption(List<String> args, int i) {
        if (args.get(i).equals("--lang") && i + 1 < args.size()) {
            return Language.fromTag(args.get(i + 1));
        }
        if (args.get(i).startsWith("--lang=")) {
            return Language.fromTag(args.get(i).substring("--lang=".length()));
        }
        return Optional.empty();
    }

    private static int list(Catalogue catalogue, Text text, PrintStream out) {
        Language language = text.language();
        out.println(text.get("list.tour"));
        for (Example e : catalogue.tour()) {
            out.printf("  %-22s %s%n", e.name(), e.summary(language));
            out.printf("  %-22s   %s%n", "", text.get("list.details", statements(e), e.usage()));
        }
        if (!catalogue.others().isEmpty()) {
            out.println(text.get("list.others"));
            for (Example e : catalogue.others()) {
                out.printf("  %-22s %s%n", e.name(), e.summary(language));
                out.printf("  %-22s   %s%n", "", text.get("list.options", e.usage()));
            }
        }
        return Example.OK;
    }

    private static String statements(Example e) {
        return e.statements().stream().map(Statement::id).collect(Collectors.joining(", "));
    }

    private static int tour(Catalogue catalogue, Text text, PrintStream out, PrintStream err) {
        return Fallback.announcedOnce(text, err, () -> {
            out.println(text.get("tour.intro"));
            List<Example> examples = catalogue.tour();
            for (int i = 0; i < examples.size(); i++) {
                Example example = examples.get(i);
                out.println();
                out.println("#".repeat(78));
                out.println("# " + text.get("tour.banner", i + 1, examples.size(), example.name(),
                        example.summary(text.language())));
                out.println("#".repeat(78));
                int status = example.run(List.of(), out, err);
                if (status != Example.OK) {
                    err.println(text.get("tour.stopped", example.name(), status));
                    return status;
                }
            }
            out.println();
            out.println(text.get("tour.over"));
            return Example.OK;
        });
    }
}
