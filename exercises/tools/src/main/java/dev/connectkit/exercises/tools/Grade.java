package dev.connectkit.exercises.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-exercise, per-task points from the test reports. Each task is worth {@link #POINTS_PER_TASK} points,
 * shared equally among its tests; a skipped test counts as passed (the environment, not the student, lacked
 * something). An exercise whose test files differ from the pristine manifest scores 0: grades come only from
 * the tests the instructor shipped.
 */
final class Grade {
    static final int POINTS_PER_TASK = 10;
    static final String MANIFEST = "pristine-tests.sha256";

    private Grade() {
    }

    record TaskScore(int task, double points, int max, int passed, int tests) {
    }

    record ExerciseScore(String exercise, double points, int max, boolean testsModified, List<TaskScore> tasks) {
    }

    static List<ExerciseScore> score(Path exercisesDir, String reportsFolder) throws Exception {
        Map<String, String> pristine = readManifest(exercisesDir.resolve(MANIFEST));
        List<ExerciseScore> scores = new ArrayList<>();
        for (Exercise e : Exercise.all(exercisesDir)) {
            boolean modified = !pristine.isEmpty() && testsDiffer(exercisesDir, e, pristine);
            TestResults r = TestResults.read(e.dir().resolve("target").resolve(reportsFolder));
            List<TaskScore> tasks = new ArrayList<>();
            for (int task : r.tasks()) {
                List<TestResults.Case> cases = r.ofTask(task);
                long ok = cases.stream().filter(c -> c.status() != TestResults.Status.FAILED).count();
                double points = modified ? 0 : POINTS_PER_TASK * (double) ok / cases.size();
                tasks.add(new TaskScore(task, round(points), POINTS_PER_TASK, (int) ok, cases.size()));
            }
            double total = tasks.stream().mapToDouble(TaskScore::points).sum();
            scores.add(new ExerciseScore(e.name(), round(total), tasks.size() * POINTS_PER_TASK, modified, tasks));
        }
        return scores;
    }

    private static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }

    /** The manifest: "sha256  path" lines, paths relative to the exercises folder; empty when there is none. */
    static Map<String, String> readManifest(Path manifest) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (Files.exists(manifest)) {
            for (String line : Files.readAllLines(manifest)) {
                String[] parts = line.split("  ", 2);
                if (parts.length == 2) {
                    hashes.put(parts[1], parts[0]);
                }
            }
        }
        return hashes;
    }

    private static boolean testsDiffer(Path exercisesDir, Exercise e, Map<String, String> pristine) throws Exception {
        String prefix = e.name() + "/";
        List<String> expected = pristine.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
        List<Path> actual = e.testFiles();
        if (actual.size() != expected.size()) {
            return true;
        }
        for (Path file : actual) {
            String relative = exercisesDir.relativize(file).toString().replace('\\', '/');
            if (!sha256(file).equals(pristine.get(relative))) {
                return true;
            }
        }
        return false;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static void printTable(List<ExerciseScore> scores, PrintStream out) {
        out.printf("%-22s %-28s %8s%n", "exercise", "tasks", "points");
        double total = 0;
        int max = 0;
        for (ExerciseScore s : scores) {
            StringBuilder tasks = new StringBuilder();
            for (TaskScore t : s.tasks()) {
                tasks.append(String.format("%d:%s/%d ", t.task(), fmt(t.points()), t.max()));
            }
            out.printf("%-22s %-28s %8s%s%n", s.exercise(), tasks.toString().strip(),
                    fmt(s.points()) + "/" + s.max(), s.testsModified() ? "  (tests modified: 0 points)" : "");
            total += s.points();
            max += s.max();
        }
        out.printf("%-22s %-28s %8s  (%s%%)%n", "total", "", fmt(total) + "/" + max,
                max == 0 ? "0" : fmt(Math.round(total * 1000.0 / max) / 10.0));
    }

    static String json(List<ExerciseScore> scores) {
        StringBuilder out = new StringBuilder("{\n  \"exercises\": [\n");
        double total = 0;
        int max = 0;
        for (int i = 0; i < scores.size(); i++) {
            ExerciseScore s = scores.get(i);
            total += s.points();
            max += s.max();
            out.append("    {\"exercise\": \"").append(s.exercise()).append("\", \"points\": ").append(fmt(s.points()))
                    .append(", \"max\": ").append(s.max()).append(", \"testsModified\": ").append(s.testsModified())
                    .append(", \"tasks\": [");
            for (int j = 0; j < s.tasks().size(); j++) {
                TaskScore t = s.tasks().get(j);
                out.append(j == 0 ? "" : ", ").append("{\"task\": ").append(t.task()).append(", \"points\": ")
                        .append(fmt(t.points())).append(", \"max\": ").append(t.max()).append(", \"passed\": ")
                        .append(t.passed()).append(", \"tests\": ").append(t.tests()).append("}");
            }
            out.append("]}").append(i + 1 < scores.size() ? "," : "").append("\n");
        }
        out.append("  ],\n  \"points\": ").append(fmt(total)).append(",\n  \"max\": ").append(max).append("\n}\n");
        return out.toString();
    }

    /**
     * The result GitHub Classroom's grading reporter reads: base64 of
     * {@code {version: 1, status, max_score, tests: [{name, status, score, ...}]}}, one entry per task.
     */
    static String classroom(List<ExerciseScore> scores) {
        StringBuilder tests = new StringBuilder();
        double total = 0;
        int max = 0;
        for (ExerciseScore s : scores) {
            for (TaskScore t : s.tasks()) {
                total += t.points();
                max += t.max();
                tests.append(tests.isEmpty() ? "" : ",").append("{\"name\":\"").append(s.exercise())
                        .append(" task ").append(t.task()).append("\",\"status\":\"")
                        .append(t.passed() == t.tests() && !s.testsModified() ? "pass" : "fail")
                        .append("\",\"score\":").append(fmt(t.points())).append(",\"max_score\":").append(t.max())
                        .append(",\"message\":\"").append(t.passed()).append(" of ").append(t.tests())
                        .append(" tests passed").append(s.testsModified() ? "; the tests were modified" : "")
                        .append("\",\"test_code\":\"\",\"filename\":\"\",\"line_no\":0,\"duration\":0}");
            }
        }
        String json = "{\"version\":1,\"status\":\"" + (total == max ? "pass" : "fail") + "\",\"max_score\":"
                + max + ",\"tests\":[" + tests + "]}";
        return java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
