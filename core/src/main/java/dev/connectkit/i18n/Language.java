package dev.connectkit.i18n;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A language the kit speaks: English, or Simplified Chinese (the language of the seed man page).
 *
 * <p>Every message a person reads (CLI output, hints, test messages, errno meanings) is looked up in the
 * current language. The choice comes from, in order: {@code --lang} on a command line (which sets the system
 * property {@value #PROPERTY}), that system property, then the POSIX locale variables {@code LC_ALL},
 * {@code LC_MESSAGES} and {@code LANG}, as {@code setlocale()} reads them. Anything unrecognised is English.
 */
public enum Language {
    /** English, the kit's source language for code and the base resource bundles. */
    EN("en", Locale.ROOT),
    /** Simplified Chinese: 简体中文. */
    ZH("zh", Locale.SIMPLIFIED_CHINESE);

    /** The system property that {@code --lang} sets, and that overrides the environment. */
    public static final String PROPERTY = "connectkit.lang";

    private final String tag;
    private final Locale bundleLocale;

    Language(String tag, Locale bundleLocale) {
        this.tag = tag;
        this.bundleLocale = bundleLocale;
    }

    /** The short tag used on command lines and in file names: {@code en} or {@code zh}. */
    public String tag() {
        return tag;
    }

    /**
     * The locale to pass to {@link java.util.ResourceBundle#getBundle(String, Locale)}. English bundles are the
     * base bundles, asked for with {@link Locale#ROOT}, so the JVM's default locale never turns English into
     * Chinese (getBundle falls back to the default locale for any other locale it cannot find).
     */
    public Locale bundleLocale() {
        return bundleLocale;
    }

    /**
     * The language a tag or locale name names: {@code en}, {@code zh}, {@code zh_CN}, {@code zh-CN},
     * {@code zh_CN.UTF-8}, {@code en_US.UTF-8}, {@code C}, {@code POSIX}; empty for anything else.
     */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (t.equals("c") || t.equals("posix") || t.startsWith("c.")) {
            return Optional.of(EN);
        }
        String lang = t.split("[_\\-.@]", 2)[0];
        return switch (lang) {
            case "en" -> Optional.of(EN);
            case "zh" -> Optional.of(ZH);
            default -> Optional.empty();
        };
    }

    /** The current language, from the system property or the environment (see the class comment). */
    public static Language current() {
        return resolve(System.getProperty(PROPERTY), System::getenv);
    }

    /**
     * The language that a {@code --lang} value (or null) and an environment choose; the environment is read
     * as {@code setlocale()} does: the first non-empty of LC_ALL, LC_MESSAGES, LANG decides.
     */
    static Language resolve(String property, Function<String, String> environment) {
        if (property != null && !property.isBlank()) {
            return fromTag(property).orElse(EN);
        }
        for (String variable : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isEmpty()) {
                return fromTag(value).orElse(EN);
            }
        }
        return EN;
    }

    /** For tests: the language a given environment map chooses. */
    static Language resolve(String property, Map<String, String> environment) {
        return resolve(property, environment::get);
    }
}
