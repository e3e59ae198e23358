package dev.connectkit.exercises.tools.grade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A grade, as data: per submission, per exercise, per task, per test. Points are exact decimals: a task's share
 * is rounded once, to hundredths, and every total is the exact sum of what is shown.
 */
public final class Grades {
    private Grades() {
    }

    /** How one expected test ended in the grade. */
    public enum TestStatus {
        /** It passed. */
        PASSED,
        /** It failed. */
        FAILED,
        /** It was skipped; it counts only when {@code credited} (an environmental skip the template allows). */
        SKIPPED,
        /** The template has it, the run did not report it (the tests did not compile, or the run stopped). */
        MISSING
    }

    /** One expected test. */
    public record TestGrade(String name, TestStatus status, String message, boolean credited) {
    }

    /** One task: its share of the points, from the share of its tests that count. */
    public record TaskGrade(int task, String name, BigDecimal points, BigDecimal max, List<TestGrade> tests) {
        public TaskGrade {
            tests = List.copyOf(tests);
        }
    }

    /**
     * One exercise. {@code reason} says in one line why it did not score its maximum (empty when it did);
     * {@code ignored} lists the files of the submission, in this exercise's folder, that differ from the
     * template outside {@code src/main/java} (they were not used).
     */
    public record ExerciseGrade(String exercise, BigDecimal points, BigDecimal max, String reason,
                                List<String> ignored, List<TaskGrade> tasks) {
        public ExerciseGrade {
            ignored = List.copyOf(ignored);
            tasks = List.copyOf(tasks);
        }
    }

    /** One submission. {@code ignored}: its files outside every exercise that differ from the template. */
    public record SubmissionGrade(String submission, BigDecimal points, BigDecimal max, List<ExerciseGrade> exercises,
                                  List<String> ignored) {
        public SubmissionGrade {
            exercises = List.copyOf(exercises);
            ignored = List.copyOf(ignored);
        }

        /** The share of the maximum, in percent, to one decimal. */
        public BigDecimal percent() {
            return max.signum() == 0 ? BigDecimal.ZERO
                    : points.multiply(BigDecimal.valueOf(100)).divide(max, 1, RoundingMode.HALF_UP);
        }
    }

    /** {@code max × credited / tests}, rounded half up to hundredths. */
    public static BigDecimal share(BigDecimal max, int credited, int tests) {
        if (tests == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal share = max.multiply(BigDecimal.valueOf(credited))
                .divide(BigDecimal.valueOf(tests), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        return share.scale() < 0 ? share.setScale(0) : share;
    }

    /** A number as a person writes it: {@code 10}, {@code 6.67}, {@code 229.8}; never {@code 1E+1}. */
    public static String format(BigDecimal points) {
        BigDecimal p = points.stripTrailingZeros();
        return (p.scale() < 0 ? p.setScale(0) : p).toPlainString();
    }

    /** The sum of a list of points. */
    public static BigDecimal sum(List<BigDecimal> points) {
        return points.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
