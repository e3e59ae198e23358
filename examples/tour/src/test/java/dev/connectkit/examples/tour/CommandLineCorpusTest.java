package dev.connectkit.examples.tour;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed command lines, for the connectkit command and each example of the tour: every one is refused with
 * exit status 2, exactly one line on stderr (no stack trace, no raw control character, the culprit escaped),
 * nothing on stdout, and within a second or two: nothing is run for bad input.
 */
@DisplayName("the command line under misuse")
class CommandLineCorpusTest {
    /** A refusal reads its arguments only: no socket is opened, so it is quick even on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final List<String> EXAMPLES = List.of("tcp-client", "udp-peer-address", "nonblocking-connect",
            "connect-timeout", "interrupted-connect", "unix-domain");

    static Stream<Named<String[]>> malformed() {
        List<Named<String[]>> cases = new ArrayList<>();
        // The connectkit command itself.
        add(cases, "list", "extra-arg");
        add(cases, "tour", "extra-arg");
        add(cases, "tour", "--lang", "zh");
        add(cases, "list", "--bogus");
        add(cases, "--bogus");
        add(cases, "-x");
        add(cases, "--lang");
        add(cases, "--lang", "xx");
        add(cases, "--lang", "");
        add(cases, "--lang=");
        add(cases, "--lang", "zh", "--lang", "en", "list");
        add(cases, "no-such-example");
        add(cases, "");
        add(cases, "tcp\u001b[2Jclient");
        add(cases, "\u202eelpmaxe");
        add(cases, "line\nbreak");
        add(cases, "--help=yes");
        add(cases, "@/etc/passwd");
        // Every example: options it does not have, malformed common options.
        for (String example : EXAMPLES) {
            add(cases, example, "--bogus");
            add(cases, example, "extra-arg");
            add(cases, example, "--simulated=yes");
            add(cases, example, "--simulated", "--simulated");
            add(cases, example, "--lang");
            add(cases, example, "--lang", "klingon\u0007");
            add(cases, example, "--lang", "en", "--lang", "zh");
            add(cases, example, "--help", "--bogus");
            add(cases, example, "@args.txt");
        }
        for (String example : EXAMPLES.subList(1, EXAMPLES.size())) {
            add(cases, example, "--port", "80"); // only tcp-client takes a port
        }
        // tcp-client's values: ports in ASCII digits within range, hosts as IP literals, no conflicting options.
        for (String port : List.of("\u0661", "\uff18\uff10", "-1", "0", "65536", "99999999999999", "", "+80", "0x50",
                "8e1", " 80", "80 ", "http", "\u0000", "8\u00000")) {
            add(cases, "tcp-client", "--port", port);
        }
        add(cases, "tcp-client", "--port");
        add(cases, "tcp-client", "--listen-port", "0");
        add(cases, "tcp-client", "--listen-port", "abc");
        add(cases, "tcp-client", "--port", "80", "--port", "81");
        for (String host : List.of("", "::1", "example.com", "999.0.0.1", "1.2.3", "127.0.0.1\n", "\u001b[2J", "::g", "[::1",
                "localhost.", "127.0.0.1:80", "\u202e1.0.0.721")) {
            add(cases, "tcp-client", "--host", host);
        }
        add(cases, "tcp-client", "--host");
        add(cases, "tcp-client", "--host", "127.0.0.1", "--listen-port", "5");
        add(cases, "tcp-client", "--port", "80", "--simulated");
        // explain: a name or a number of an errno the kit knows, one at most.
        for (String errno : List.of("", "FOO", "EFOO", "E", "econnrefused ", " 111", "111\n", "ECONNREFUSED\u0000",
                "\u001b[2JEINTR", "\u202eENIRTE", "0", "-1", "+111", "0x6f", "99999999999999999999", "\u0661\u0661\u0661",
                "\uff25\uff29\uff2e\uff34\uff32", "ECONNREFUSED (111)", "E".repeat(10_000), "S-07")) {
            add(cases, "explain", errno);
        }
        add(cases, "explain", "ECONNREFUSED", "EINTR");
        add(cases, "explain", "--list", "EINTR");
        add(cases, "explain", "--bogus");
        add(cases, "explain", "--lang");
        add(cases, "explain", "--lang", "xx", "EINTR");
        add(cases, "explain", "--list=yes");
        add(cases, "explain", "--help", "--bogus");
        add(cases, "explain", "@errnos.txt");
        add(cases, "explain", "--", "-x");
        add(cases, "--lang", "zh", "explain", "nope");
        return cases.stream();
    }

    private static void add(List<Named<String[]>> cases, String... args) {
        StringBuilder name = new StringBuilder();
        for (String arg : args) {
            name.append(name.isEmpty() ? "" : " ").append(dev.connectkit.trace.Printable.line(arg).isEmpty() ? "''"
                    : dev.connectkit.trace.Printable.line(arg));
        }
        cases.add(Named.of(name.toString(), args));
    }

    @ParameterizedTest(name = "connectkit {0}")
    @MethodSource("malformed")
    @DisplayName("is refused: exit 2, one line on stderr, nothing else")
    void refused(String[] args) {
        Command r = Command.run(args);
        assertThat(r.status()).as("exit status; stdout: %s; stderr: %s", r.out(), r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.err()).as("stderr ends its one line").endsWith(System.lineSeparator());
        assertThat(r.err().lines()).as("stderr lines").hasSize(1);
        String line = r.err().strip();
        assertThat(line).as("no stack trace").doesNotContain("Exception", "\tat ", "at java.", "at dev.");
        assertThat(line.codePoints().filter(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .as("no raw control or format character in: %s", line).isEmpty();
        assertThat(line).as("the line names the command").matches("^(connectkit|connectkit \\w+|[a-z-]+)(: |：).*");
        assertThat(r.took()).as("time to refuse").isLessThan(BOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the culprit is named, escaped")
    void namesTheCulprit(String[] args, String expected) {
        assertThat(Command.run(args).err()).contains(expected);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"--lang", "en", "tcp-client", "--port", "\u0661"},
                        "tcp-client: --port: not a port number: \"\u0661\" (ASCII digits, 1 to 65535)"),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"--lang", "en", "list", "extra-arg"},
                        "connectkit list: unexpected argument \"extra-arg\""),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"--lang", "en", "tcp\u001b[2Jclient"},
                        "unknown example \"tcp\\u001b[2Jclient\""),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"tcp-client", "--lang", "en", "--host", "a\nb"},
                        "not an IPv4 address: \"a\\nb\""),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"unix-domain", "--lang", "zh", "--bogus"},
                        "unix-domain：未知选项 --bogus（用法：unix-domain [-h] [--simulated] [--lang=LANG]）"),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"tcp-client", "--lang", "en", "--port", "65536"},
                        "tcp-client: --port: port out of range 1-65535: 65536"),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"--lang", "en", "explain", "E\u001b[2J"},
                        "connectkit explain: unknown errno \"E\\u001b[2J\" (a name such as ECONNREFUSED"),
                org.junit.jupiter.params.provider.Arguments.of(new String[] {"explain", "--lang", "zh", "ECONNREFUSED", "x"},
                        "connectkit explain：多余的参数“x”（用法：connectkit explain [-h] [--list] [--lang=LANG] [ERRNO]）"));
    }
}
