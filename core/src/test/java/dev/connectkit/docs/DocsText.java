package dev.connectkit.docs;

import dev.connectkit.i18n.Language;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.Errno;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.ResourceBundle;

/**
 * The words of the generated tables in one language: headings from the {@code DocsTables} bundle, and the prose
 * of each row: for an errno, {@link ConnectErrors#whenConnect(Errno, Language)} (the sentence {@code connectkit
 * explain} prints); for a statement, the code's own English ({@link Statement#en()}) or its Chinese from
 * {@code ChineseTexts.properties}.
 */
record DocsText(Language language, ResourceBundle headings, Properties chinese) {

    static final String BUNDLE = "dev.connectkit.docs.DocsTables";
    static final String CHINESE_TEXTS = "ChineseTexts.properties";

    static DocsText of(Language language) {
        return new DocsText(language, ResourceBundle.getBundle(BUNDLE, language.bundleLocale()), chineseTexts());
    }

    /** The Chinese prose, keyed by errno name and statement id (UTF-8). */
    static Properties chineseTexts() {
        try (InputStream in = DocsText.class.getResourceAsStream(CHINESE_TEXTS)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + CHINESE_TEXTS);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String heading(String key) {
        return headings.getString(key);
    }

    /** When connect() returns {@code errno}, in this language. */
    String whenConnect(Errno errno) {
        return ConnectErrors.whenConnect(errno, language); // the sentence connectkit explain prints
    }

    /** What {@code statement} requires, in this language. */
    String statement(Statement statement) {
        return language == Language.ZH ? required(statement.id()) : statement.en();
    }

    /** Where an errno is listed, with this language's punctuation: " (listed by: a, b)" or "（列于：a、b）". */
    String listedBy(List<String> sources) {
        String label = heading("errno.listedBy");
        return language == Language.ZH ? "（" + label + "：" + String.join("、", sources) + "）"
                : " (" + label + ": " + String.join(", ", sources) + ")";
    }

    private String required(String key) {
        String text = chinese.getProperty(key);
        if (text == null) {
            throw new IllegalStateException(CHINESE_TEXTS + " has no Chinese text for " + key);
        }
        return text;
    }
}
