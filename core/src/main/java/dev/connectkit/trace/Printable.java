package dev.connectkit.trace;

import java.util.Locale;

/**
 * Text made safe for one line of a terminal: every control character (C0, DEL, C1), line or paragraph separator,
 * invisible format character (bidirectional overrides and isolates) and lone surrogate is shown as an escape
 * ({@code \n}, {@code \t}, {@code \u001b}), so nothing a program or a user typed can move the cursor, clear the
 * screen, reorder the line or start a second one. Everything else, Chinese included, stays as it is.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with every character that could act on the terminal escaped; "null" for null. */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (actsOnTheTerminal(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static boolean actsOnTheTerminal(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT && c != 0x200d // keep the zero-width joiner of emoji sequences
                || type == Character.SURROGATE;            // a lone half: a pair arrives here as one code point
    }
}
