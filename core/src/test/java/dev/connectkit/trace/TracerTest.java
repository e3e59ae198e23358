package dev.connectkit.trace;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("the tracer")
@Timeout(20)
class TracerTest {

    @Test
    @DisplayName("is a second front on the same descriptors: untraced calls print nothing, closing either closes both")
    void decoratesTheSameProcess() throws Exception {
        List<TraceLine> lines = new ArrayList<>();
        Tracer tracer = Tracer.to(lines::add);
        Sockets plain = SimNetwork.create().open();
        Sockets traced = tracer.trace(plain);
        int fd = traced.socket(AF_INET, SOCK_STREAM);
        plain.getsockname(fd);
        assertThat(plain.openDescriptors()).containsExactly(fd);
        assertThat(lines).hasSize(1);
        traced.close();
        assertThat(plain.openDescriptors()).isEmpty();
    }

    @Test
    @DisplayName("hands over structured lines: the call, the errno, the statements, for a program to check")
    void structuredLines() throws Exception {
        List<TraceLine> lines = new ArrayList<>();
        Tracer tracer = Tracer.to(lines::add);
        try (Sockets s = tracer.trace(SimNetwork.create().open())) {
            SockAddr nobody = Loopback.closedPort(s);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThatThrownBy(() -> s.connect(fd, nobody)).isInstanceOf(ErrnoException.class);
            tracer.note("refused, as expected");
        }
        TraceLine.Call connect = lines.stream().filter(TraceLine.Call.class::isInstance).map(TraceLine.Call.class::cast)
                .filter(c -> c.call().startsWith("connect(")).findFirst().orElseThrow();
        assertThat(connect.errno()).isEqualTo(Errno.ECONNREFUSED);
        assertThat(connect.returned()).isEqualTo("-1");
        assertThat(connect.statements()).containsExactly(Statement.S_07);
        assertThat(lines.getLast()).isEqualTo(new TraceLine.Note(connect.at(), "refused, as expected"));
    }

    @Test
    @DisplayName("leaves the exception as it was: it still names the call, the descriptor and the address")
    void exceptionUnchanged() throws Exception {
        Tracer tracer = Tracer.to(line -> { });
        try (Sockets s = tracer.trace(SimNetwork.create().open())) {
            SockAddr nobody = Loopback.closedPort(s);
            int fd = s.socket(AF_INET, SOCK_STREAM);
            assertThatThrownBy(() -> s.connect(fd, nobody)).isInstanceOf(ErrnoException.class)
                    .hasMessage("connect(" + fd + ", " + nobody + "): Connection refused (ECONNREFUSED (111))");
        }
    }

    @Test
    @DisplayName("traces an argument C cannot express as nothing: it never reached the backend")
    void refusedArgumentsAreNotCalls() throws Exception {
        List<TraceLine> lines = new ArrayList<>();
        try (Sockets s = Tracer.to(lines::add).trace(SimNetwork.create().open())) {
            assertThatThrownBy(() -> s.socket(AF_INET, null)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(lines).isEmpty();
    }

    @Test
    @DisplayName("a traced front is the same simulated process: a signal sent to it interrupts its blocked call")
    void signalsReachTheTracedProcess() throws Exception {
        SimNetwork network = SimNetwork.create();
        List<TraceLine> lines = new ArrayList<>();
        try (Sockets s = Tracer.to(lines::add).trace(network.open())) {
            try (dev.connectkit.lab.SaturatedListener busy = dev.connectkit.lab.SaturatedListener.open(s)) {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                network.signal(s, network.now().plusMillis(300));
                assertThatThrownBy(() -> s.connect(fd, busy.address())).isInstanceOf(ErrnoException.class)
                        .extracting(e -> ((ErrnoException) e).errno()).isEqualTo(Errno.EINTR);
            }
        }
        assertThat(lines).anyMatch(l -> l instanceof TraceLine.Call c && c.errno() == Errno.EINTR
                && c.statements().contains(Statement.S_10));
    }

    @Test
    @DisplayName("tracing a traced front shows each call to both tracers, once each")
    void nested() throws Exception {
        List<TraceLine> inner = new ArrayList<>();
        List<TraceLine> outer = new ArrayList<>();
        try (Sockets s = Tracer.to(outer::add).trace(Tracer.to(inner::add).trace(SimNetwork.create().open()))) {
            s.close(s.socket(AF_INET, SOCK_STREAM));
        }
        assertThat(inner).hasSize(2);
        assertThat(outer).hasSize(2);
    }

    @Test
    @DisplayName("a note with control characters stays on one line and cannot drive the terminal")
    void notesAreOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tracer.printingTo(out, Language.EN).note("two\nlines \u001b[31mred");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("  0.000000 # two\\nlines \\u001b[31mred\n");
    }

    /** The calls of a trace with what differs between two runs (times, ports, descriptors) blanked out. */
    private static List<String> shapeOfCalls(String trace) {
        return trace.lines().filter(l -> !l.startsWith("   ", 10))
                .map(l -> l.substring(11))
                .map(l -> l.replaceAll(" <\\d+\\.\\d+>", ""))
                .map(l -> l.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT"))
                .map(l -> l.replaceFirst("^(\\w+)\\(\\d+", "$1(FD"))
                .map(l -> l.replaceFirst("^socket\\((.*)\\) = \\d+$", "socket($1) = FD"))
                .toList();
    }

    @Test
    @DisplayName("prints the same lines for the same program on the kernel and on the simulated network")
    void oneFormat() throws Exception {
        assumeTrue(Sockets.nativeUnavailableReason().isEmpty(), () -> Sockets.nativeUnavailableReason().orElseThrow());
        String simulated = TraceGoldenTest.traceOf(TraceGoldenTest.Golden.REFUSED);
        String kernel = traceOnTheKernel();
        assertThat(shapeOfCalls(kernel)).isEqualTo(shapeOfCalls(simulated));
    }

    private static String traceOnTheKernel() throws ErrnoException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             Sockets kernel = Sockets.nativeLibc()) {
            Tracer tracer = Tracer.printingTo(out, Language.EN);
            TraceGoldenTest.runOn(TraceGoldenTest.Golden.REFUSED, tracer.trace(kernel), kernel, tracer);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
