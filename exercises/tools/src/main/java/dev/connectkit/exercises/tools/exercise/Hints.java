package dev.connectkit.exercises.tools.exercise;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hints of an exercise README: the numbered list under {@code ## Hints} (Chinese: {@code ## 提示}); item N
 * is the hint for task N. A list item may continue on indented lines; they are joined with single spaces.
 */
public final class Hints {
    private Hints() {
    }

    private static final Pattern HEADING = Pattern.compile("##\\s+(Hints|提示)\\s*");
    private static final Pattern ITEM = Pattern.compile("(\\d{1,2})\\.\\s+(.*)");

    /** Two lines of one hint: a space between words, none next to Chinese (which has no spaces). */
    static String join(String a, String b) {
        boolean wide = !a.isEmpty() && !b.isEmpty() && (isWide(a.charAt(a.length() - 1)) || isWide(b.charAt(0)));
        return wide ? a + b : a + " " + b;
    }

    private static boolean isWide(char c) {
        return c >= 0x2e80 && c <= 0x9fff || c >= 0xff00 && c <= 0xffef || c >= 0x3000 && c <= 0x303f;
    }

    /** The hints in {@code readme}, by number; empty when it has no hints section. */
    public static Map<Integer, String> parse(String readme) {
        Map<Integer, String> hints = new TreeMap<>();
        boolean inside = false;
        Integer current = null;
        for (String line : readme.split("\\R")) {
            if (line.startsWith("## ") || line.startsWith("# ")) {
                inside = HEADING.matcher(line).matches();
                current = null;
                continue;
            }
            if (!inside) {
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                current = Integer.parseInt(item.group(1));
                hints.put(current, item.group(2).strip());
            } else if (current != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                hints.merge(current, line.strip(), Hints::join);
            } else if (!line.isBlank()) {
                current = null;
            }
        }
        return hints;
    }
}
