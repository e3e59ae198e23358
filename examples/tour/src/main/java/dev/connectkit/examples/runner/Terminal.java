package dev.connectkit.examples.runner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * The terminal's output streams, in the terminal's encoding. The JVM takes it from the C locale; where the locale
 * the environment names is not installed ({@code LANG=zh_CN.UTF-8} in a container that only has C), it falls back
 * to ASCII and every Chinese character becomes {@code ?}. A locale name that says UTF-8 is then taken at its word.
 */
public final class Terminal {
    private Terminal() {
    }

    /** Standard output, for the connectkit command and the examples' own main methods. */
    public static PrintStream out() {
        return stream(System.out, FileDescriptor.out, "stdout.encoding");
    }

    /** Standard error. */
    public static PrintStream err() {
        return stream(System.err, FileDescriptor.err, "stderr.encoding");
    }

    private static PrintStream stream(PrintStream jvm, FileDescriptor fd, String property) {
        Charset chosen = charset(System.getProperty(property), System::getenv);
        return chosen == null ? jvm : new PrintStream(new FileOutputStream(fd), true, chosen);
    }

    /**
     * UTF-8 when the JVM chose ASCII but the first of LC_ALL, LC_CTYPE, LANG that is set names UTF-8; null to keep
     * the JVM's choice.
     */
    static Charset charset(String jvmEncoding, Function<String, String> environment) {
        if (jvmEncoding != null && !jvmEncoding.equalsIgnoreCase("US-ASCII")
                && !jvmEncoding.equalsIgnoreCase("ANSI_X3.4-1968")) {
            return null;
        }
        for (String variable : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isEmpty()) {
                String codeset = value.toLowerCase(Locale.ROOT).replace("-", "");
                return codeset.endsWith(".utf8") || codeset.contains(".utf8@") ? StandardCharsets.UTF_8 : null;
            }
        }
        return null;
    }
}
