package dev.connectkit.exercises.testkit;

import dev.connectkit.i18n.Language;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check that an exercise's own files agree with each other: both languages have every message and every test
 * name, and both READMEs have the same sections and one hint per task, numbered as the tests' {@code task:N}
 * tags. Each exercise runs it as its {@code KitConsistencyTest}, a subclass that names the exercise's graded test
 * class as its type argument: {@code class KitConsistencyTest extends KitConsistency<TimedConnectTest> {}}. Not part
 * of the grade (tag {@code kit}): it passes on the stub and on the solution alike.
 *
 * @param <T> the exercise's graded test class, whose {@code @Nested} classes carry the {@code task:N} tags
 */
@Tag("kit")
@Timeout(20)
@DisplayNameGeneration(Messages.Names.class)
public abstract class KitConsistency<T> {
    /** The system property naming the exercise folder (the tools' test JVM sets it). */
    public static final String EXERCISE_DIR = "connectkit.exerciseDir";

    /** The README sections, in order, and their titles in the Chinese README. */
    static final Map<String, String> SECTIONS = sections("What to do", "要做什么", "Why", "为什么",
            "Run the tests", "运行测试", "Hints", "提示", "Design note", "设计说明");

    private static final Pattern SAY = Pattern.compile("\\b(?:say|key)\\(\\s*\"([\\w.\\-]+)\"");
    private static final Pattern FORMAT = Pattern.compile("%(\\d+\\$)?[sd%n]");

    private final Class<?> exerciseTests;
    private final Messages messages;

    protected KitConsistency() {
        this.exerciseTests = exerciseTests(getClass());
        this.messages = Messages.of(exerciseTests);
    }

    /** The type argument {@code subclass} gives {@code KitConsistency}: the exercise's graded test class. */
    static Class<?> exerciseTests(Class<?> subclass) {
        if (subclass.getGenericSuperclass() instanceof ParameterizedType type && type.getRawType() == KitConsistency.class
                && type.getActualTypeArguments()[0] instanceof Class<?> tests) {
            return tests;
        }
        throw new IllegalStateException(subclass.getName() + " must name the exercise's test class: "
                + subclass.getSimpleName() + " extends KitConsistency<TheExerciseTest>");
    }

    @Test
    void bothLanguagesHaveTheSameMessages() throws IOException {
        assertThat(messages.bundle(Language.EN).getLocale()).as("English is the base bundle, messages.properties")
                .isEqualTo(Locale.ROOT);
        assertThat(messages.bundle(Language.ZH).getLocale().getLanguage())
                .as("Chinese is messages_zh.properties, not a fall-back to English").isEqualTo("zh");
        assertSameKeysAndPlaceholders(messages);
    }

    @Test
    void everyMessageTheTestsUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(exerciseDir().resolve("src/test/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = SAY.matcher(Files.readString(source));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.addAll(names(exerciseTests));
        used.add("name." + getClass().getSimpleName()); // this check's title; its tests are named by the testkit
        Set<String> keys = messages.file(Language.EN).stringPropertyNames();
        assertThat(new TreeSet<>(used)).as("keys the tests use (say(\"...\"), key(\"...\"), test names) that"
                + " messages.properties lacks").allMatch(keys::contains);
        assertThat(new TreeSet<>(keys)).as("keys of messages.properties that no test uses").allMatch(used::contains);
    }

    @Test
    void hintsMatchTheTasksInBothReadmes() throws IOException {
        List<Integer> tags = taskTags(exerciseTests);
        assertThat(tags).as("the task:N tags of %s", exerciseTests.getSimpleName()).isNotEmpty()
                .isEqualTo(IntStream.rangeClosed(1, tags.size()).boxed().toList());
        List<String> en = Files.readAllLines(exerciseDir().resolve("README.md"));
        List<String> zh = Files.readAllLines(exerciseDir().resolve("README.zh.md"));
        assertThat(numbered(section(en, "What to do"), "\\*\\*Task (\\d+)\\.\\*\\*"))
                .as("the tasks of README.md").isEqualTo(tags);
        assertThat(numbered(section(en, "Hints"), "")).as("the hints of README.md").isEqualTo(tags);
        assertThat(numbered(section(zh, "要做什么"), "\\*\\*任务 (\\d+)：\\*\\*"))
                .as("the tasks of README.zh.md").isEqualTo(tags);
        assertThat(numbered(section(zh, "提示"), "")).as("the hints of README.zh.md").isEqualTo(tags);
    }

    @Test
    void theChineseReadmeHasTheSameSections() throws IOException {
        List<String> en = headings(Files.readAllLines(exerciseDir().resolve("README.md")));
        List<String> zh = headings(Files.readAllLines(exerciseDir().resolve("README.zh.md")));
        assertThat(en).as("the sections of README.md").isEqualTo(List.copyOf(SECTIONS.keySet()));
        assertThat(zh).as("the sections of README.zh.md, in the same order")
                .isEqualTo(List.copyOf(SECTIONS.values()));
    }

    // ---- reading the exercise's files ----

    /**
     * The exercise folder: from {@code -Dconnectkit.exerciseDir}, else the first folder holding
     * {@code exercise.properties} above the compiled tests or the working directory (the exercise itself, or
     * its {@code solution/} module).
     */
    Path exerciseDir() {
        List<Path> starts = new ArrayList<>();
        String property = System.getProperty(EXERCISE_DIR);
        if (property != null) {
            starts.add(Path.of(property));
        }
        try {
            starts.add(Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: the working directory still tells
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("exercise.properties")) && Files.isDirectory(p.resolve("src/test/java"))) {
                    return p;
                }
            }
        }
        throw new AssertionError("no exercise folder (with exercise.properties) above " + starts);
    }

    /** Both files of a bundle have the same keys, none blank, with the same placeholders in both languages. */
    static void assertSameKeysAndPlaceholders(Messages messages) throws IOException {
        Properties en = messages.file(Language.EN);
        Properties zh = messages.file(Language.ZH);
        assertThat(new TreeSet<>(zh.stringPropertyNames())).as("keys of %s_zh against %s", messages.baseName(),
                messages.baseName()).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as("English %s", key).isNotBlank();
            assertThat(zh.getProperty(key)).as("Chinese %s", key).isNotBlank();
            assertThat(placeholders(zh.getProperty(key))).as("the placeholders of %s in both languages", key)
                    .isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    /** The lines of one {@code ## } section, without its heading. */
    static List<String> section(List<String> lines, String title) {
        int start = lines.indexOf("## " + title);
        assertThat(start).as("the section \"## %s\"", title).isNotNegative();
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            body.add(line);
        }
        return body;
    }

    /** The numbers of a section's list items ({@code 1. ...}), or of the marker inside them when one is given. */
    static List<Integer> numbered(List<String> section, String marker) {
        Pattern item = Pattern.compile("^(\\d+)\\. " + (marker.isEmpty() ? "" : marker));
        List<Integer> numbers = new ArrayList<>();
        for (String line : section) {
            Matcher m = item.matcher(line);
            if (m.find()) {
                numbers.add(Integer.parseInt(m.group(marker.isEmpty() ? 1 : 2)));
            }
        }
        return numbers;
    }

    static List<String> headings(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
    }

    /** The task numbers of the {@code task:N} tags on the nested classes of {@code tests}, sorted. */
    static List<Integer> taskTags(Class<?> tests) {
        Set<Integer> tasks = new TreeSet<>();
        for (Class<?> nested : tests.getDeclaredClasses()) {
            Tag tag = nested.getAnnotation(Tag.class);
            if (tag != null && tag.value().startsWith("task:")) {
                tasks.add(Integer.parseInt(tag.value().substring(5)));
            }
        }
        return List.copyOf(tasks);
    }

    /** The name keys of a test class, its nested classes and their tests (as {@link Messages.Names} makes them). */
    static Set<String> names(Class<?> tests) {
        Set<String> keys = new TreeSet<>();
        keys.add("name." + tests.getSimpleName());
        List<Class<?>> classes = new ArrayList<>(List.of(tests));
        for (Class<?> nested : tests.getDeclaredClasses()) {
            if (nested.isAnnotationPresent(Nested.class)) {
                keys.add("name." + nested.getSimpleName());
                classes.add(nested);
            }
        }
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    keys.add("name." + c.getSimpleName() + "." + m.getName());
                }
            }
        }
        return keys;
    }

    static List<String> placeholders(String pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = FORMAT.matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        Collections.sort(found);
        return found;
    }

    private static Map<String, String> sections(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
