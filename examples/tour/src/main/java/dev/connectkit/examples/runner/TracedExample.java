package dev.connectkit.examples.runner;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.trace.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An example of this module: a class with picocli options, described by the {@code Example.properties} file in
 * its package, whose {@link #show(Session)} makes plain socket calls that the kit's tracer prints.
 *
 * <p>It runs with the contract every {@link Example} has (0 ran, 1 a call failed, 2 bad input, one line and no
 * stack trace on stderr) and the options every example takes ({@link CommonOptions}). The help and the
 * messages come from the descriptor in the chosen language ({@code --lang}, {@code connectkit.lang}, or the
 * locale).
 */
public abstract class TracedExample implements Example {

    @Mixin
    private final CommonOptions common = new CommonOptions();

    private final Descriptor descriptor = Descriptor.of(getClass().getPackageName());

    /**
     * The example itself: its calls on {@link Session#sockets()}, its notes and headings through the session.
     *
     * @throws ErrnoException when a call fails that the example does not expect to fail (exit status 1)
     * @throws IOException    when its java.net part fails (exit status 1)
     */
    protected abstract void show(Session session) throws ErrnoException, IOException;

    /**
     * Checks the options against each other, after they are parsed and before anything runs.
     *
     * @throws UsageException naming the conflict, in the run's language (exit status 2)
     */
    protected void check(Text text) throws UsageException {
    }

    /** Whether {@code --simulated} was given. */
    protected boolean simulatedAskedFor() {
        return common.simulated;
    }

    /** The example's descriptor. */
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public String summary() {
        return summary(Language.current());
    }

    @Override
    public String summary(Language language) {
        return descriptor.summary(language);
    }

    @Override
    public List<Statement> statements() {
        return descriptor.statements();
    }

    @Override
    public String usage() {
        String synopsis = UsageLine.synopsis(commandLine(descriptor.text(Language.current())));
        return synopsis.substring(synopsis.indexOf(' ') + 1);
    }

    /** This example's command line, its help in {@code text}'s language. */
    CommandLine commandLine(Text text) {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setCommandName(descriptor.name());
        commandLine.setResourceBundle(text.asBundle());
        commandLine.setExpandAtFiles(false); // "@file" is an argument like any other, never a file to read
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setUsageHelpWidth(100);
        return commandLine;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Language language = CommonOptions.requestedIn(args).orElseGet(Language::current);
        String previous = System.getProperty(Language.PROPERTY);
        System.setProperty(Language.PROPERTY, language.tag()); // what --lang does, for this run only
        try {
            return runIn(descriptor.text(language), args, out, err);
        } finally {
            if (previous == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, previous);
            }
        }
    }

    private int runIn(Text text, List<String> args, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine(text);
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
            UsageLine.refuseUnmatched(commandLine); // picocli forgives them when --help is there: we do not
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
                return OK;
            }
            check(text);
        } catch (CommandLine.ParameterException e) {
            err.println(UsageLine.of(name(), e, text));
            return USAGE;
        } catch (UsageException e) {
            err.println(UsageLine.of(name(), e.getMessage(), UsageLine.synopsis(commandLine), text));
            return USAGE;
        }
        try (Session session = Session.open(common.simulated, text, out, err)) {
            show(session);
            return OK;
        } catch (ErrnoException e) {
            err.println(Printable.line(name() + ": " + e.getLocalizedMessage()));
            return FAILED;
        } catch (IOException | UncheckedIOException | UnsupportedOperationException | IllegalStateException e) {
            // A java.net call failed, or a backend cannot do what the example needs: one line, no stack trace.
            err.println(Printable.line(name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage())));
            return FAILED;
        } catch (RuntimeException e) {
            // A bug of the kit's: still one line that names it, never a stack trace on a student's terminal.
            err.println(Printable.line(name() + ": " + text.get("error.internal", e)));
            return FAILED;
        }
    }
}
