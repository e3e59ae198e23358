package dev.connectkit.examples.runner;

import dev.connectkit.i18n.Language;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.trace.Printable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values an option may take, checked before anything runs. Numbers are ASCII digits only:
 * {@link Integer#parseInt(String)} would also read {@code ١} (Arabic-Indic one) as 1. A rejected value is
 * echoed with every control character escaped.
 */
public final class Converters {
    private Converters() {
    }

    private static Text text() {
        return Text.shared(Language.current());
    }

    /** A port: ASCII digits, 1 to 65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new TypeConversionException(text().get("error.notAPort", Printable.line(value)));
            }
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new TypeConversionException(text().get("error.portRange", value));
            }
            return port;
        }
    }

    /**
     * An IPv4 host, as the seed's {@code inet_addr()} takes it: a dotted-quad literal or {@code localhost}; never a
     * name to look up.
     */
    public static final class Ipv4Host implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            // Exactly the literal: SockAddr.parse() forgives surrounding blanks, a command line should not.
            if (value.equals("localhost") || value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                try {
                    SockAddr.parse(value, 0);
                    return value;
                } catch (IllegalArgumentException e) {
                    // 999.0.0.1 and the like: refused below, in the run's language
                }
            }
            throw new TypeConversionException(text().get("error.notAnAddress", Printable.line(value)));
        }
    }

    /** {@code en} or {@code zh} (also {@code zh_CN.UTF-8} and the other spellings Language reads). */
    public static final class LanguageTag implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.fromTag(value).orElseThrow(
                    () -> new TypeConversionException(text().get("error.lang", Printable.line(value))));
        }
    }
}
