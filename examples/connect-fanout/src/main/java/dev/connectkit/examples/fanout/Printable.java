package dev.connectkit.examples.fanout;

/** Text from the command line made safe to echo in one line: control characters shown as {@code \\uXXXX}. */
final class Printable {
    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || cp == 0x2028 || cp == 0x2029) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
