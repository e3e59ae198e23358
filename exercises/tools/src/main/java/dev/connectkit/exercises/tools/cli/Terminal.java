package dev.connectkit.exercises.tools.cli;

/**
 * Text from a command line, made safe to print in an error line: control characters (escape sequences, bells,
 * new lines, bidirectional overrides) are shown as {@code \}{@code uXXXX} instead of being sent to the terminal, and a very
 * long argument is cut.
 */
public final class Terminal {
    private Terminal() {
    }

    private static final int MAX = 80;

    /** {@code text}, quoted in single quotes, printable. */
    public static String quote(String text) {
        return "'" + printable(text) + "'";
    }

    /** {@code text}, printable. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (shown >= MAX) {
                b.append('…');
                break;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
            shown++;
        }
        return b.toString();
    }
}
