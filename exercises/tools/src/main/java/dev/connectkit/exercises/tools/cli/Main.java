package dev.connectkit.exercises.tools.cli;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The exercise tools' entry point: {@code connectkit progress | test | hint | reset | grade | handout | loop-bench}.
 * Exit status: 0 done, 1 something failed (or, for {@code test}, the exercise does not pass yet), 2 a usage
 * error, reported in exactly one line on standard error, never with a stack trace.
 */
public final class Main {
    private Main() {
    }

    /** Where the help texts are, in English ({@code Help.properties}) and Chinese ({@code Help_zh.properties}). */
    public static final String HELP = "dev.connectkit.exercises.tools.cli.Help";
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    private static volatile List<String> arguments = List.of();

    /** Run by {@code ./connectkit}: the kit's folder is the system property {@code connectkit.kit}. */
    public static void main(String[] args) {
        Path kit = Path.of(System.getProperty("connectkit.kit", "")).toAbsolutePath().normalize();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int status = run(kit, args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** The command line this JVM was started with, for handing a grade over to a template's own tools. */
    static List<String> originalArguments() {
        return arguments;
    }

    /** Runs one command; returns its exit status. */
    public static int run(Path kit, String[] args, PrintStream out, PrintStream err) {
        arguments = List.copyOf(Arrays.asList(args));
        chooseLanguage(args);
        Language language = Language.current();
        ResourceBundle help = ResourceBundle.getBundle(HELP, language.bundleLocale());
        CommandLine cli = new CommandLine(new ConnectkitCommand(kit, out, err));
        cli.setResourceBundle(help);
        cli.getSubcommands().values().forEach(sub -> sub.setResourceBundle(help));
        cli.setExpandAtFiles(false);
        cli.setCaseInsensitiveEnumValuesAllowed(false);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setUsageHelpWidth(100);
        cli.setParameterExceptionHandler((e, a) -> usageError(e, err));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UsageError usage) {
                return usageError(new CommandLine.ParameterException(c, usage.getMessage(), usage), err);
            }
            err.println(name(c) + ": " + Terminal.printable(problem(e)));
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (RuntimeException e) {
            err.println("connectkit: " + Terminal.printable(problem(e)));
            return 1;
        }
    }

    /** {@code --lang} decides before anything is printed, help and usage errors included. */
    private static void chooseLanguage(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--lang") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--lang=")) {
                value = args[i].substring("--lang=".length());
            } else if (args[i].equals("--")) {
                break;
            }
            if (value != null) {
                Language.fromTag(value).ifPresent(l -> System.setProperty(Language.PROPERTY, l.tag()));
            }
        }
    }

    /** One line: the command, what is wrong, and how to get help. */
    private static int usageError(CommandLine.ParameterException e, PrintStream err) {
        CommandLine c = e.getCommandLine();
        err.println(name(c) + ": " + message(e) + " " + Msg.CLI_SEE_HELP.text(name(c)));
        return USAGE;
    }

    private static String message(CommandLine.ParameterException e) {
        Throwable cause = e.getCause();
        String where = e.getArgSpec() == null || !(cause instanceof UsageError) ? "" : label(e.getArgSpec()) + ": ";
        if (cause instanceof UsageError usage) {
            return where + usage.getMessage();
        }
        if (Msg.CLI_NO_COMMAND.text().equals(e.getMessage())) {
            return e.getMessage();
        }
        return switch (e) {
            case CommandLine.UnmatchedArgumentException u -> {
                String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
                yield arg.startsWith("-") && arg.length() > 1 ? Msg.CLI_UNKNOWN_OPTION.text(Terminal.quote(arg))
                        : Msg.CLI_UNEXPECTED_ARGUMENT.text(Terminal.quote(arg));
            }
            case CommandLine.MissingParameterException m -> {
                CommandLine.Model.ArgSpec spec = m.getMissing().isEmpty() ? null : m.getMissing().getFirst();
                String name = spec == null ? "?" : label(spec);
                boolean given = spec instanceof CommandLine.Model.OptionSpec o
                        && arguments.stream().anyMatch(a -> Arrays.asList(o.names()).contains(a));
                yield given ? Msg.CLI_MISSING_VALUE.text(name) : Msg.CLI_MISSING.text(name);
            }
            case CommandLine.OverwrittenOptionException o -> Msg.CLI_TWICE.text(label(o.getOverwritten()));
            case CommandLine.MaxValuesExceededException x -> Msg.CLI_TOO_MANY.text();
            case CommandLine.MutuallyExclusiveArgsException x -> Msg.CLI_EXCLUSIVE.text();
            default -> e.getArgSpec() instanceof CommandLine.Model.OptionSpec o && o.arity().max() == 0
                    ? Msg.CLI_NO_VALUE.text(o.longestName())
                    : Msg.CLI_INVALID.text(Terminal.printable(e.getMessage()));
        };
    }

    private static String label(CommandLine.Model.ArgSpec spec) {
        return spec instanceof CommandLine.Model.OptionSpec o ? o.longestName() : spec.paramLabel();
    }

    private static String name(CommandLine c) {
        return c == null ? "connectkit" : c.getCommandSpec().qualifiedName();
    }

    private static String problem(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return text.lines().findFirst().orElse(text);
    }
}
