package dev.connectkit.exercises.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code connectkit progress | grade | handout}: the exercise tools. Exit status 0 when done, 1 when something
 * failed, 2 for bad input (one line naming the problem and the usage).
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = "usage: tools KIT_DIR (progress [--reports DIR] | grade [--reports DIR] [--json FILE] [--classroom FILE]"
            + " | handout --out DIR)";

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        if (args.size() < 2) {
            System.err.println("tools: missing command (" + USAGE + ")");
            return 2;
        }
        Path kit = Path.of(args.get(0)).toAbsolutePath().normalize();
        Path exercises = kit.resolve("exercises");
        List<String> rest = args.subList(2, args.size());
        try {
            String reports = option(rest, "--reports", "surefire-reports");
            return switch (args.get(1)) {
                case "progress" -> Progress.run(exercises, reports, System.out);
                case "grade" -> {
                    List<Grade.ExerciseScore> scores = Grade.score(exercises, reports);
                    Grade.printTable(scores, System.out);
                    String json = option(rest, "--json", null);
                    if (json != null) {
                        Files.writeString(Path.of(json), Grade.json(scores));
                        System.out.println("wrote " + json);
                    }
                    String classroom = option(rest, "--classroom", null);
                    if (classroom != null) {
                        Files.writeString(Path.of(classroom), Grade.classroom(scores));
                    }
                    yield 0;
                }
                case "handout" -> {
                    String out = option(rest, "--out", null);
                    if (out == null) {
                        System.err.println("tools: handout needs --out DIR (" + USAGE + ")");
                        yield 2;
                    }
                    Handout.build(kit, Handout.tracked(kit), Path.of(out));
                    yield 0;
                }
                default -> {
                    System.err.println("tools: unknown command " + args.get(1) + " (" + USAGE + ")");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("tools: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        } catch (Exception e) {
            System.err.println("tools: " + e);
            return 1;
        }
    }

    private static String option(List<String> args, String name, String defaultValue) {
        int i = args.indexOf(name);
        if (i < 0) {
            return defaultValue;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("missing value after " + name);
        }
        return args.get(i + 1);
    }
}
