package dev.connectkit.exercises.testkit;

import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayNameGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;

/**
 * What an exercise's tests say to the student, in the student's language: the bundle {@code messages} in the
 * package of the exercise's tests ({@code messages.properties} in English, {@code messages_zh.properties} in
 * Simplified Chinese), chosen by {@link Language#current()} ({@code --lang}, {@code -Dconnectkit.lang},
 * {@code LANG}). What every exercise says alike (a skipped kernel test, a missing call, the consistency check's
 * test names) is in the testkit's own bundle of the same name, looked up when the exercise's has no such key.
 *
 * <p>An exercise's tests {@code import static dev.connectkit.exercises.testkit.Messages.say} and call
 * {@code say("key", args)}: the bundle is the one beside the class that calls.
 */
public final class Messages {
    /** The base name of every exercise's bundle, in the package of its tests. */
    public static final String BUNDLE = "messages";

    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Messages TESTKIT = new Messages(Messages.class, null);

    /** A class of the bundle's package, loaded by the loader that sees the bundle (the tests' own). */
    private final Class<?> anchor;
    /** Where a key this bundle lacks is looked up: the testkit's bundle, or none for the testkit's itself. */
    private final Messages fallback;

    private Messages(Class<?> anchor, Messages fallback) {
        this.anchor = anchor;
        this.fallback = fallback;
    }

    /** The messages of the exercise whose tests include {@code testClass}: the bundle in its package. */
    public static Messages of(Class<?> testClass) {
        return new Messages(testClass, TESTKIT);
    }

    /** The testkit's own messages: what every exercise's tests say alike. */
    public static Messages testkit() {
        return TESTKIT;
    }

    /**
     * The message {@code key} of the calling class's exercise, in the current language, its {@code %s} filled
     * with {@code args}.
     *
     * @throws MissingResourceException when neither the exercise's bundle nor the testkit's has {@code key}
     */
    public static String say(String key, Object... args) {
        return of(CALLER.getCallerClass()).text(key, args);
    }

    /** Marks a message key that is looked up later, so that the consistency check finds it in the sources. */
    public static String key(String key) {
        return key;
    }

    /** The message {@code key} in the current language, its {@code %s} filled with {@code args}. */
    public String text(String key, Object... args) {
        return String.format(Locale.ROOT, pattern(key, Language.current()), args);
    }

    /** The bundle's full name, e.g. {@code dev.connectkit.exercises.timeout.messages}. */
    public String baseName() {
        return anchor.getPackageName() + "." + BUNDLE;
    }

    /** The bundle in {@code language}: the English base bundle, or its Chinese twin. */
    public ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(baseName(), language.bundleLocale(), anchor.getClassLoader());
    }

    /**
     * The bundle's file for {@code language} ({@code messages.properties} or {@code messages_zh.properties}),
     * read as UTF-8 as ResourceBundle reads it; unlike a bundle's keySet(), without the keys English lends it.
     *
     * @throws IOException when the file is missing or cannot be read
     */
    public Properties file(Language language) throws IOException {
        String name = fileName(language);
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no " + name + " beside " + anchor.getName());
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    /** The name of the bundle's file for {@code language}, in its package. */
    public static String fileName(Language language) {
        String suffix = language.bundleLocale().getLanguage();
        return BUNDLE + (suffix.isEmpty() ? "" : "_" + suffix) + ".properties";
    }

    private String pattern(String key, Language language) {
        try {
            return bundle(language).getString(key);
        } catch (MissingResourceException e) {
            if (fallback == null) {
                throw e;
            }
            return fallback.pattern(key, language);
        }
    }

    /**
     * Test names from the bundles, so the student reads them in their language: {@code name.Class} for a test
     * class, {@code name.Class.method} for a test, where {@code Class} is the class that declares the method (for
     * the consistency check: {@code KitConsistency}, named in the testkit's bundle).
     */
    public static final class Names implements DisplayNameGenerator {
        @Override
        public String generateDisplayNameForClass(Class<?> testClass) {
            return name(testClass, "name." + testClass.getSimpleName());
        }

        @Override
        public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
            return name(nestedClass, "name." + nestedClass.getSimpleName());
        }

        @Override
        public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
                                                   Method testMethod) {
            return name(testClass, "name." + testMethod.getDeclaringClass().getSimpleName() + "." + testMethod.getName());
        }

        private static String name(Class<?> testClass, String key) {
            try {
                return of(testClass).pattern(key, Language.current()); // a name, not a format
            } catch (MissingResourceException e) {
                return "(" + key + ")"; // the consistency check fails on it: every test has its name in both bundles
            }
        }
    }
}
