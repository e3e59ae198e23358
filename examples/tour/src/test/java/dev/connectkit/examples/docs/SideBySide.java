package dev.connectkit.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The seed's C client and the kit's Java beside each other, a row per step: each row starts at a line both
 * programs have (the call, the printf), found by a pair of patterns, and holds what follows it until the next
 * step. Blank lines, comments and the opening of a block ({@code try {}, {@code } finally {}) at the end of a
 * step go with the next one, where they belong.
 */
final class SideBySide {

    /** A step both programs take: how to find its first line in C, and in Java. */
    record Anchor(Pattern c, Pattern java) {
        static Anchor of(String c, String java) {
            return new Anchor(Pattern.compile(c), Pattern.compile(java));
        }
    }

    /** One row: the C lines and the Java lines of a step. */
    record Row(List<String> c, List<String> java) {
    }

    /** {@code lines} without the indentation they share, and without blank lines at either end. */
    static List<String> dedent(List<String> lines) {
        int first = 0;
        int last = lines.size();
        while (first < last && lines.get(first).isBlank()) {
            first++;
        }
        while (last > first && lines.get(last - 1).isBlank()) {
            last--;
        }
        List<String> kept = lines.subList(first, last);
        int indent = kept.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** The steps of the seed's client, in order. */
    static final List<Anchor> CLIENT = List.of(
            Anchor.of("sockfd = socket\\(", "sockets\\.socket\\("),
            Anchor.of("memset\\(", "SockAddr destAddr ="),
            Anchor.of("if \\(connect\\(", "sockets\\.connect\\("),
            Anchor.of("printf\\(\"Successfully", "println\\(\"Successfully"),
            Anchor.of("char \\*message", "byte\\[] message"),
            Anchor.of("if \\(send\\(", "sockets\\.send\\("),
            Anchor.of("printf\\(\"Hello message sent", "println\\(\"Hello message sent"),
            Anchor.of("^\\s*close\\(sockfd\\);", "sockets\\.close\\(sockfd\\)"),
            Anchor.of("return 0;", "^\\s*}$"));

    private static final Pattern MOVES_ON = Pattern.compile("^\\s*(//.*|\\{|} finally \\{|try \\{)?\\s*$");

    private SideBySide() {
    }

    /**
     * The rows of {@code c} and {@code java} split at {@code anchors}, which must appear in that order in both.
     *
     * @throws IllegalArgumentException naming a step one of the programs does not have, or has out of order
     */
    static List<Row> align(List<String> c, List<String> java, List<Anchor> anchors) {
        List<List<String>> cSteps = split(c, anchors.stream().map(Anchor::c).toList(), "C");
        List<List<String>> javaSteps = split(java, anchors.stream().map(Anchor::java).toList(), "Java");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cSteps.size(); i++) {
            rows.add(new Row(List.copyOf(cSteps.get(i)), List.copyOf(javaSteps.get(i))));
        }
        return rows;
    }

    private static List<List<String>> split(List<String> lines, List<Pattern> anchors, String language) {
        List<List<String>> steps = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int next = 0;
        for (String line : lines) {
            if (next < anchors.size() && anchors.get(next).matcher(line).find()) {
                List<String> carried = new ArrayList<>();
                while (!current.isEmpty() && MOVES_ON.matcher(current.getLast()).matches()) {
                    carried.addFirst(current.removeLast());
                }
                steps.add(current);
                current = carried;
                next++;
            }
            current.add(line);
        }
        steps.add(current);
        if (next < anchors.size()) {
            throw new IllegalArgumentException("the " + language + " program has no step matching "
                    + anchors.get(next) + " after the previous one");
        }
        return steps;
    }
}
