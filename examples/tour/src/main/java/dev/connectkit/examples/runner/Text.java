package dev.connectkit.examples.runner;

import dev.connectkit.i18n.Language;

import java.util.Enumeration;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sentences a person reads, in one language: an example's own bundle (its descriptor) in front of the
 * module's shared bundle ({@code runner/Messages}). Patterns use {@link String#format} placeholders
 * ({@code %s}), so an apostrophe is just an apostrophe.
 */
public final class Text {
    /** The module's shared sentences: command-line errors, common options, the tour. */
    static final String SHARED = "dev.connectkit.examples.runner.Messages";

    private final Language language;
    private final ResourceBundle own;
    private final ResourceBundle shared;

    private Text(Language language, ResourceBundle own, ResourceBundle shared) {
        this.language = language;
        this.own = own;
        this.shared = shared;
    }

    /** The shared sentences in {@code language}. */
    public static Text shared(Language language) {
        return new Text(language, null, bundle(SHARED, language));
    }

    /** An example's sentences (its descriptor bundle {@code baseName}) before the shared ones, in {@code language}. */
    public static Text of(String baseName, Language language) {
        return new Text(language, bundle(baseName, language), bundle(SHARED, language));
    }

    /**
     * A bundle of this module in {@code language}; English is the base bundle, asked for with the root locale so
     * that the JVM's default locale never turns it into Chinese.
     */
    static ResourceBundle bundle(String baseName, Language language) {
        return ResourceBundle.getBundle(baseName, language.bundleLocale());
    }

    /** The language of these sentences. */
    public Language language() {
        return language;
    }

    /** Whether {@code key} has a sentence. */
    public boolean has(String key) {
        return own != null && own.containsKey(key) || shared.containsKey(key);
    }

    /** The sentence for {@code key} with {@code args} in its placeholders. */
    public String get(String key, Object... args) {
        String pattern = raw(key);
        return args.length == 0 ? pattern : String.format(Locale.ROOT, pattern, args);
    }

    private String raw(String key) {
        if (own != null && own.containsKey(key)) {
            return own.getString(key);
        }
        if (shared.containsKey(key)) {
            return shared.getString(key);
        }
        throw new MissingResourceException("no sentence for " + key + " in " + language.tag(), SHARED, key);
    }

    /** Both bundles as one, the example's first: what picocli reads its help texts from. */
    public ResourceBundle asBundle() {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return has(key) ? raw(key) : null;
            }

            @Override
            public Enumeration<String> getKeys() {
                Set<String> keys = new TreeSet<>(shared.keySet());
                if (own != null) {
                    keys.addAll(own.keySet());
                }
                return java.util.Collections.enumeration(keys);
            }
        };
    }
}
