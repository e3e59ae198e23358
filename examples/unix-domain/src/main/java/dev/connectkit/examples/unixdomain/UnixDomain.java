package dev.connectkit.examples.unixdomain;

import dev.connectkit.examples.support.Backend;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.connectkit.manpage.Statement.S_01;
import static dev.connectkit.manpage.Statement.S_02;
import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/**
 * AF_UNIX: the man page's exception to the implicit bind. A client that connects without bind() stays unnamed,
 * and the server sees it unnamed too. Also the AF_UNIX ways to fail: a missing path gives ENOENT.
 */
public final class UnixDomain implements Example {

    /** The example, ready to run. */
    public UnixDomain() {
    }

    @Override
    public String name() {
        return "unix-domain";
    }

    @Override
    public String summary() {
        return "AF_UNIX: no implicit bind, the client stays unnamed";
    }

    @Override
    public String usage() {
        return "[--simulated]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options options = Options.parse(args, Set.of(), Set.of(Backend.SIMULATED));
        Path dir = scratchDirectory();
        try (Backend backend = Backend.open(options.flag(Backend.SIMULATED))) {
            out.heading("1. An AF_UNIX client (" + backend.describe() + ")");
            SockAddr.Un path = SockAddr.unix(dir.resolve("server.sock").toString());
            unnamedClient(backend.sockets(), path, out);

            out.heading("2. A path where no socket is bound");
            missingPath(backend.sockets(), SockAddr.unix(dir.resolve("nobody.sock").toString()), out);

            out.heading("3. The same in idiomatic Java (SocketChannel with StandardProtocolFamily.UNIX)");
            if (backend.simulated()) {
                out.note("java.nio always uses the real kernel: skipped with --simulated");
            } else {
                UnixChannel.run(dir.resolve("java.sock"), out);
            }
            backend.printTrace(out);
        } finally {
            deleteRecursively(dir);
        }
    }

    // tag::unnamed-client[]
    static void unnamedClient(Sockets s, SockAddr.Un path, Narrator out) throws ErrnoException {
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        s.bind(listener, path);
        s.listen(listener, 4);
        out.peer("listening on " + path);

        int sockfd = out.call("socket(AF_UNIX, SOCK_STREAM, 0)", () -> s.socket(AF_UNIX, SOCK_STREAM));
        out.call("connect(" + sockfd + ", " + path + ")", () -> s.connect(sockfd, path));
        out.call(S_02, "getsockname(" + sockfd + ")", () -> s.getsockname(sockfd));
        out.note(S_01, "an AF_INET socket would now have an address and port; an AF_UNIX one has no name");
        int accepted = s.accept(listener);
        out.peer("accepted a connection; getpeername() = " + s.getpeername(accepted) + " (unnamed)");
        s.close(accepted);
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
        s.close(listener);
    }
    // end::unnamed-client[]

    static void missingPath(Sockets s, SockAddr.Un path, Narrator out) throws ErrnoException {
        int sockfd = out.call("socket(AF_UNIX, SOCK_STREAM, 0)", () -> s.socket(AF_UNIX, SOCK_STREAM));
        try {
            s.connect(sockfd, path);
        } catch (ErrnoException e) {
            out.failed("connect(" + sockfd + ", " + path + ")", e, null);
            out.note("AF_UNIX addresses are files: a missing one is ENOENT, not ECONNREFUSED");
        }
        out.call("close(" + sockfd + ")", () -> s.close(sockfd));
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("connectkit-unix");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
