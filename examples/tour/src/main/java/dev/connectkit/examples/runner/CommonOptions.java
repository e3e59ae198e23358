package dev.connectkit.examples.runner;

import dev.connectkit.i18n.Language;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** The options every example of this module takes: {@code --simulated}, {@code --lang}, {@code --help}. */
public final class CommonOptions {

    @Option(names = "--simulated", descriptionKey = "option.simulated")
    boolean simulated;

    @Option(names = "--lang", paramLabel = "LANG", converter = Converters.LanguageTag.class,
            descriptionKey = "option.lang")
    Language language;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "option.help")
    boolean help;

    /**
     * The language {@code args} ask for with {@code --lang}, before they are parsed: the help and the error
     * messages of the parse itself must already speak it. Empty when there is no usable {@code --lang}.
     */
    static Optional<Language> requestedIn(List<String> args) {
        Optional<Language> found = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--lang") && i + 1 < args.size()) {
                found = Language.fromTag(args.get(i + 1));
            } else if (arg.startsWith("--lang=")) {
                found = Language.fromTag(arg.substring("--lang=".length()));
            }
        }
        return found;
    }
}
