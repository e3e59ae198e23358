package dev.connectkit.trace;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a student does to see what their own code did: wrap the {@code Sockets} it is given. The region below is
 * shown in the docs with the trace it printed ({@code trace-your-own-code*.adoc} in core's generated docs).
 */
@Isolated // it changes a system property the other tests read
@DisplayName("tracing a student's own code")
@Timeout(20)
class TraceYourOwnCodeTest {

    /** A student's attempt at exercise 01: it forgets to close the socket when connect() fails. */
    static int sendHello(Sockets sockets, SockAddr.In server) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        sockets.connect(sockfd, server);
        int sent = sockets.send(sockfd, "Hello, Server!".getBytes(StandardCharsets.UTF_8));
        sockets.close(sockfd);
        return sent;
    }

    static String run(Language language) throws ErrnoException {
        String previous = System.getProperty(Language.PROPERTY);
        System.setProperty(Language.PROPERTY, language.tag()); // as --lang or LANG would: getLocalizedMessage() follows
        try {
            return runIn(language);
        } finally {
            if (previous == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, previous);
            }
        }
    }

    private static String runIn(Language language) throws ErrnoException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Sockets given = SimNetwork.create().open()) {
            SockAddr.In server = Loopback.closedPort(given);
            // tag::wrap[]
            Tracer tracer = Tracer.printingTo(out, language);   // Tracer.printingTo(System.out) in a program
            Sockets sockets = tracer.trace(given);              // the same descriptors, every call printed
            try {
                sendHello(sockets, server);
            } catch (ErrnoException e) {
                tracer.note("sendHello failed: " + e.getLocalizedMessage());
            }
            tracer.note("still open: " + sockets.openDescriptors());
            // end::wrap[]
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the trace shows the failed connect() and the descriptor the code left open")
    void showsTheLeak() throws Exception {
        String trace = run(Language.EN);
        assertThat(trace).isEqualTo("""
                  0.000000 socket(AF_INET, SOCK_STREAM, 0) = 3
                  0.000000 connect(3, {AF_INET, 127.0.0.1:32768}, 16) = -1 ECONNREFUSED (Connection refused)  [S-07]
                  0.000000 # sendHello failed: connect(3, 127.0.0.1:32768): Connection refused (ECONNREFUSED (111))
                  0.000000 # still open: [3]
                """);
    }

    @Test
    @DisplayName("writes the code and its trace, in each language, for the docs")
    void forTheDocs() throws IOException, ErrnoException {
        Path dir = Path.of(System.getProperty("connectkit.generatedDocs", "target/generated-docs"));
        Files.createDirectories(dir);
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/connectkit/trace/TraceYourOwnCodeTest.java"));
        int from = source.indexOf("            // tag::wrap[]");
        int to = source.indexOf("            // end::wrap[]");
        assertThat(from).as("the tagged region").isPositive().isLessThan(to);
        String code = String.join("\n", source.subList(from + 1, to).stream().map(l -> l.substring(12)).toList());
        for (Language language : Language.values()) {
            String suffix = language == Language.EN ? "" : "." + language.tag();
            Files.writeString(dir.resolve("trace-your-own-code" + suffix + ".adoc"), "[source,java]\n----\n" + code
                    + "\n----\n\n....\n" + run(language).stripTrailing() + "\n....\n");
        }
    }
}
