package dev.connectkit.exercises.fanout;

import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayNameGenerator;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What this exercise's tests say to the student, in the student's language: {@code messages.properties}
 * (English) and {@code messages_zh.properties} (Simplified Chinese) beside this class, chosen by
 * {@link Language#current()} ({@code --lang}, {@code -Dconnectkit.lang}, {@code LANG}).
 */
final class Messages {
    static final String BUNDLE = "dev.connectkit.exercises.fanout.messages";

    private Messages() {
    }

    /** The message {@code key} in the current language, its {@code %s} filled with {@code args}. */
    static String say(String key, Object... args) {
        return String.format(Locale.ROOT, bundle(Language.current()).getString(key), args);
    }

    /** Marks a message key that is looked up later, so that KitConsistencyTest finds it in the sources. */
    static String key(String key) {
        return key;
    }

    static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language.bundleLocale());
    }

    /**
     * Test names from the bundle, so the student reads them in their language: {@code name.Class} for a test
     * class, {@code name.Class.method} for a test.
     */
    static final class Names implements DisplayNameGenerator {
        @Override
        public String generateDisplayNameForClass(Class<?> testClass) {
            return name("name." + testClass.getSimpleName());
        }

        @Override
        public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
            return name("name." + nestedClass.getSimpleName());
        }

        @Override
        public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
                                                   Method testMethod) {
            return name("name." + testClass.getSimpleName() + "." + testMethod.getName());
        }

        private static String name(String key) {
            try {
                return bundle(Language.current()).getString(key);
            } catch (MissingResourceException e) {
                return "(" + key + ")"; // KitConsistencyTest fails on it: every test has its name in both bundles
            }
        }
    }
}
