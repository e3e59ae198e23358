package dev.connectkit.trace;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace format, byte for byte: small programs on the simulated network, whose traces are deterministic, each
 * compared with its golden file in {@code src/test/resources/dev/connectkit/trace}. A change of format shows up
 * here as a diff. After a deliberate change, run once with {@code -Dconnectkit.updateGolden=true} to rewrite
 * the files, and review the diff before committing it.
 */
@DisplayName("the trace's format (golden files, simulated network)")
@Timeout(20)
class TraceGoldenTest {

    /** A program whose trace is kept as a golden file. */
    interface Program {
        void run(Sockets sockets, Tracer tracer) throws ErrnoException;
    }

    enum Golden {
        /** A refused connection: the failure line, errno by name and meaning, S-07. */
        REFUSED(Language.EN, true, (s, t) -> {
            SockAddr.In nobody = Loopback.closedPort(s);
            int sockfd = s.socket(AF_INET, SOCK_STREAM);
            s.getsockname(sockfd);
            try {
                s.connect(sockfd, nobody);
            } catch (ErrnoException e) {
                t.note("nothing listens at " + nobody);
            }
            s.close(sockfd);
        }),
        /** The same in Chinese: only the errno's meaning changes. */
        REFUSED_ZH(Language.ZH, false, REFUSED.program),
        /** The seed's client against a listener traced as the peer: implicit bind (S-01), data both ways. */
        HELLO(Language.EN, true, (s, t) -> {
            Sockets peer = t.trace(untraced(s), "peer");
            int listener = peer.socket(AF_INET, SOCK_STREAM);
            peer.bind(listener, SockAddr.loopback(0));
            peer.listen(listener, 8);
            SockAddr server = peer.getsockname(listener);

            int sockfd = s.socket(AF_INET, SOCK_STREAM);
            s.getsockname(sockfd);
            s.connect(sockfd, server);
            s.getsockname(sockfd);
            s.send(sockfd, "Hello, Server!\n\u0007\u00e9".getBytes(StandardCharsets.UTF_8));
            s.close(sockfd);

            int conn = peer.accept(listener);
            byte[] buffer = new byte[64];
            while (peer.recv(conn, buffer) > 0) {
                t.note("the peer received a few bytes");
            }
            peer.getpeername(conn);
            peer.close(conn);
            peer.close(listener);
        }),
        /** The non-blocking state machine: S-11, S-12, S-13, SO_ERROR, 0 once, EISCONN. */
        NONBLOCKING(Language.EN, true, (s, t) -> {
            try (SaturatedListener busy = SaturatedListener.open(untraced(s))) {
                int sockfd = s.socket(AF_INET, SOCK_STREAM);
                s.setNonBlocking(sockfd, true);
                s.isNonBlocking(sockfd);
                for (int i = 0; i < 2; i++) {
                    try {
                        s.connect(sockfd, busy.address());
                    } catch (ErrnoException e) {
                        t.note(e.errno().name());
                    }
                }
                s.poll(PollFd.writable(sockfd), 200);
                busy.acceptFillers();
                s.poll(PollFd.writable(sockfd), 10_000);
                s.getsockopt(sockfd, SocketOption.SO_ERROR);
                s.connect(sockfd, busy.address());
                try {
                    s.connect(sockfd, busy.address());
                } catch (ErrnoException e) {
                    t.note("already connected");
                }
                s.close(sockfd);
                s.close(s.accept(busy.fd()));
            }
        }),
        /** A blocking connect that times out after one retransmit (S-09), and one a signal interrupts (S-10). */
        TIMEOUT_AND_SIGNAL(Language.EN, true, (s, t) -> {
            try (SaturatedListener busy = SaturatedListener.open(untraced(s))) {
                int sockfd = s.socket(AF_INET, SOCK_STREAM);
                s.setsockopt(sockfd, SocketOption.TCP_SYNCNT, 1);
                try {
                    s.connect(sockfd, busy.address());
                } catch (ErrnoException e) {
                    t.note("gave up");
                }
                s.close(sockfd);

                int interrupted = s.socket(AF_INET, SOCK_STREAM);
                s.alarm(Duration.ofMillis(300));
                try {
                    s.connect(interrupted, busy.address());
                } catch (ErrnoException e) {
                    t.note("interrupted");
                }
                s.close(interrupted);
            }
        }),
        /** A datagram socket's peer: S-03, S-01, S-04, S-05, and the null address S-06. */
        DATAGRAM(Language.EN, true, (s, t) -> {
            Sockets quiet = untraced(s);
            int peer = Loopback.udpSocket(quiet);
            SockAddr peerAddress = quiet.getsockname(peer);
            int sockfd = s.socket(AF_INET, SOCK_DGRAM);
            s.connect(sockfd, peerAddress);
            s.getsockname(sockfd);
            s.getpeername(sockfd);
            s.send(sockfd, "to the peer".getBytes(StandardCharsets.UTF_8));
            quiet.sendto(peer, "from the peer".getBytes(StandardCharsets.UTF_8), quiet.getsockname(sockfd));
            s.recvfrom(sockfd, 100);
            s.connect(sockfd, SockAddr.unspec());
            try {
                s.getpeername(sockfd);
            } catch (ErrnoException e) {
                t.note("no peer any more");
            }
            try {
                s.send(sockfd, new byte[] {1});
            } catch (ErrnoException e) {
                t.note("and no destination");
            }
            s.close(sockfd);
            quiet.close(peer);
        }),
        /** AF_UNIX: the client stays unnamed (S-02); a missing path is ENOENT. */
        UNIX(Language.EN, true, (s, t) -> {
            Sockets quiet = untraced(s);
            SockAddr.Un path = SockAddr.unix("/connectkit/server.sock");
            int listener = quiet.socket(AF_UNIX, SOCK_STREAM);
            quiet.bind(listener, path);
            quiet.listen(listener, 4);
            int sockfd = s.socket(AF_UNIX, SOCK_STREAM);
            s.connect(sockfd, path);
            s.getsockname(sockfd);
            s.close(sockfd);
            int other = s.socket(AF_UNIX, SOCK_STREAM);
            try {
                s.connect(other, SockAddr.unix("/connectkit/nobody.sock"));
            } catch (ErrnoException e) {
                t.note("no such file");
            }
            s.close(other);
            quiet.close(quiet.accept(listener));
            quiet.close(listener);
        });

        final Language language;
        final boolean followNetwork;
        final Program program;

        Golden(Language language, boolean followNetwork, Program program) {
            this.language = language;
            this.followNetwork = followNetwork;
            this.program = program;
        }

        String file() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".txt";
        }
    }

    /** The sockets the program was given, without the trace: for the setup a reader need not see. */
    private static Sockets untraced(Sockets traced) {
        Sockets plain = UNTRACED.get();
        assertThat(((dev.connectkit.internal.Syscalls) plain).sameBackendAs((dev.connectkit.internal.Syscalls) traced))
                .as("the untraced front belongs to the same process").isTrue();
        return plain;
    }

    private static final ThreadLocal<Sockets> UNTRACED = new ThreadLocal<>();

    static String traceOf(Golden golden) throws ErrnoException {
        SimNetwork network = SimNetwork.create();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             Sockets sockets = network.open()) {
            Tracer tracer = Tracer.printingTo(out, golden.language);
            if (golden.followNetwork) {
                tracer.follow(network);
            }
            runOn(golden, tracer.trace(sockets), sockets, tracer);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs a golden program on {@code traced}; {@code plain} is the same process, untraced. */
    static void runOn(Golden golden, Sockets traced, Sockets plain, Tracer tracer) throws ErrnoException {
        UNTRACED.set(plain);
        try {
            golden.program.run(traced, tracer);
        } finally {
            UNTRACED.remove();
        }
        assertThat(plain.openDescriptors()).as("descriptors left open").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Golden.class)
    @DisplayName("the trace of a program on the simulated network is byte-identical to its golden file")
    void matchesItsGoldenFile(Golden golden) throws Exception {
        String trace = traceOf(golden);
        assertThat(traceOf(golden)).as("the same program traces the same bytes twice").isEqualTo(trace);
        if (Boolean.getBoolean("connectkit.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/dev/connectkit/trace", golden.file()), trace);
        }
        assertThat(trace).isEqualTo(golden(golden.file()));
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = TraceGoldenTest.class.getResourceAsStream(file)) {
            assertThat(in).as("the golden file %s (create it with -Dconnectkit.updateGolden=true)", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
