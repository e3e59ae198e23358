package dev.connectkit.examples.tour;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples make calls; the tracer prints them. No example source or sentence may spell a call with its
 * arguments by hand ({@code "connect(" + sockfd}, {@code "getsockname(3"}): that is narration posing as a trace.
 * Naming a function in prose ({@code connect()}) is fine.
 */
@DisplayName("no hand-written call strings")
class NoHandWrittenCallsTest {
    private static final String CALLS = "socket|bind|listen|accept|connect|getsockname|getpeername|getsockopt"
            + "|setsockopt|fcntl|poll|send|recv|sendto|recvfrom|shutdown|close|setitimer|alarm|select";
    /**
     * A call name, an opening parenthesis, and an argument, inside a string literal or a sentence; not the name
     * alone ({@code connect()}) nor a man page's section ({@code connect(2)}).
     */
    static final Pattern CALL_WITH_ARGUMENTS = Pattern.compile("\\b(" + CALLS + ")\\((?!\\)|\\d\\))");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    @Test
    @DisplayName("no string literal in the examples' code spells a call with its arguments")
    void noneInTheCode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = STRING_LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        if (CALL_WITH_ARGUMENTS.matcher(literal.group()).find()) {
                            found.add(file + ":" + (i + 1) + ": " + literal.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    @DisplayName("no sentence of the bundles spells one either")
    void noneInTheSentences() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("#") && CALL_WITH_ARGUMENTS.matcher(line).find()) {
                        found.add(file + ": " + line);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    @DisplayName("the check finds what it is for")
    void theCheckWorks() {
        for (String narration : List.of("\"connect(\" + sockfd", "\"getsockname(3, ...)\"", "\"close(\"")) {
            Matcher literal = STRING_LITERAL.matcher(narration);
            assertThat(literal.find() && CALL_WITH_ARGUMENTS.matcher(literal.group()).find()).as(narration).isTrue();
        }
        assertThat(CALL_WITH_ARGUMENTS.matcher("connect() bound the socket").find()).isFalse();
        assertThat(CALL_WITH_ARGUMENTS.matcher("see connect(2)").find()).isFalse();
    }
}
