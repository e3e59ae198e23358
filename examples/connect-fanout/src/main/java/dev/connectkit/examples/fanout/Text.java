package dev.connectkit.examples.fanout;

import dev.connectkit.i18n.Language;

import java.util.Locale;
import java.util.ResourceBundle;

/** The benchmark's words, in the current language: {@code Messages.properties} and {@code Messages_zh.properties}. */
public final class Text {
    /** The bundle's base name. */
    public static final String BUNDLE = "dev.connectkit.examples.fanout.Messages";

    private final ResourceBundle bundle;

    private Text(Language language) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, language.bundleLocale());
    }

    /** The words of {@code language}. */
    public static Text of(Language language) {
        return new Text(language);
    }

    /** The words of {@link Language#current()}. */
    static Text current() {
        return of(Language.current());
    }

    /** The message {@code key}, its {@code %s}/{@code %d} filled with {@code args} (numbers as C prints them). */
    public String get(String key, Object... args) {
        return String.format(Locale.ROOT, bundle.getString(key), args);
    }
}
