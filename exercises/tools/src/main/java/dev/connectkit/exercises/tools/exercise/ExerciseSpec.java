package dev.connectkit.exercises.tools.exercise;

import dev.connectkit.exercises.tools.i18n.Msg;
import dev.connectkit.i18n.Language;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an exercise's {@code exercise.properties} declares: its title, the statements it practises, its level, its
 * tasks with the points each is worth, and the test skips the machine (not the student) may cause.
 *
 * <pre>
 * title=connect() with a timeout, the classic way: O_NONBLOCK, poll(), SO_ERROR
 * title.zh=带超时的 connect()……          (optional: the title in Chinese)
 * statements=S-11,S-13
 * level=intermediate
 * tasks=3                                 (numbered like the README's hints and the tests' @Tag("task:N"))
 * points=10 10 10                         (one per task; optional, 10 each when absent)
 * environmental=kernel                    (optional: tests tagged kernel need the real kernel; where the native
 *                                          backend cannot run, their skip is the machine's doing, no other is)
 * </pre>
 *
 * The grade takes the points possible from the template's file, so an exercise that produced no result still
 * counts its full amount.
 */
public record ExerciseSpec(String title, String titleZh, String statements, String level, List<BigDecimal> points,
                           Set<String> environmental) {

    /** The file name, in each exercise folder. */
    public static final String FILE = "exercise.properties";
    /**
     * The one environmental tag the kit knows: {@code kernel}, a test that needs the native backend (the real
     * kernel through libc), skipped with the reason where it cannot run.
     */
    public static final String KERNEL = "kernel";

    private static final Set<String> KEYS = Set.of("title", "title.zh", "statements", "level", "tasks", "points",
            "environmental");
    private static final BigDecimal DEFAULT_POINTS = BigDecimal.TEN;

    public ExerciseSpec {
        points = List.copyOf(points);
        environmental = Collections.unmodifiableSet(new TreeSet<>(environmental));
    }

    /** The number of tasks, 1..N. */
    public int tasks() {
        return points.size();
    }

    /** The points task {@code task} (1-based) is worth. */
    public BigDecimal pointsOf(int task) {
        return points.get(task - 1);
    }

    /** The points the whole exercise is worth. */
    public BigDecimal maxPoints() {
        return points.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The title in {@code language}, English when there is no translation. */
    public String title(Language language) {
        return language == Language.ZH && !titleZh.isEmpty() ? titleZh : title;
    }

    /** Reads {@code exercise.properties} in {@code dir}; an IOException names the file and what is wrong. */
    public static ExerciseSpec read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(Msg.ERR_SPEC_UNREADABLE.text(file, e.getMessage()), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IOException(Msg.ERR_SPEC_UNKNOWN_KEY.text(file, key, new TreeSet<>(KEYS)));
            }
        }
        String title = required(p, "title", file);
        int tasks;
        try {
            tasks = Integer.parseInt(required(p, "tasks", file).strip());
        } catch (NumberFormatException e) {
            throw new IOException(Msg.ERR_SPEC_TASKS.text(file, p.getProperty("tasks")));
        }
        if (tasks < 1 || tasks > 20) {
            throw new IOException(Msg.ERR_SPEC_TASKS.text(file, tasks));
        }
        List<BigDecimal> points = new ArrayList<>();
        String declared = p.getProperty("points", "").strip();
        if (declared.isEmpty()) {
            points.addAll(Collections.nCopies(tasks, DEFAULT_POINTS));
        } else {
            for (String each : declared.split("[\\s,]+")) {
                points.add(points(each, file));
            }
            if (points.size() != tasks) {
                throw new IOException(Msg.ERR_SPEC_POINTS_COUNT.text(file, points.size(), tasks));
            }
        }
        Set<String> environmental = new TreeSet<>();
        for (String each : p.getProperty("environmental", "").strip().split("[\\s,]+")) {
            if (each.isEmpty()) {
                continue;
            }
            if (!each.equals(KERNEL)) {
                throw new IOException(Msg.ERR_SPEC_ENVIRONMENTAL.text(file, KERNEL, each));
            }
            environmental.add(each);
        }
        return new ExerciseSpec(title.strip(), p.getProperty("title.zh", "").strip(),
                p.getProperty("statements", "").strip(), p.getProperty("level", "").strip(), points, environmental);
    }

    private static BigDecimal points(String text, Path file) throws IOException {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0 || value.scale() > 2 || value.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new NumberFormatException();
            }
            return value.setScale(Math.max(0, value.stripTrailingZeros().scale()));
        } catch (NumberFormatException e) {
            throw new IOException(Msg.ERR_SPEC_POINTS.text(file, text.toLowerCase(Locale.ROOT)));
        }
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(Msg.ERR_SPEC_MISSING.text(file, key));
        }
        return value;
    }
}
