package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Backend;
import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.support.Narrator;
import dev.connectkit.examples.support.Options;
import dev.connectkit.examples.support.UsageException;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.util.List;
import java.util.Set;

/**
 * The seed's C program, done right, twice: line for line on the kit's POSIX API ({@link SendHello}), then in
 * idiomatic Java ({@link SendHelloJava}); and what a refused connection looks like in both.
 *
 * <p>By default it starts its own listener on a loopback port the kernel picks, which prints what it received;
 * {@code --host} and {@code --port} point it at a server of the reader's choice instead.
 */
public final class TcpClient implements Example {

    /** The seed's {@code #define PORT 8080}, used when only {@code --host} is given. */
    static final int SEED_PORT = 8080;

    /** The example, ready to run. */
    public TcpClient() {
    }

    @Override
    public String name() {
        return "tcp-client";
    }

    @Override
    public String summary() {
        return "the seed's TCP client, done right: socket, implicit bind, connect, send, close";
    }

    @Override
    public String usage() {
        return "[--host ADDRESS] [--port PORT] [--listen-port PORT] [--simulated]";
    }

    @Override
    public void main(List<String> args, Narrator out) throws UsageException, ErrnoException {
        Options options = Options.parse(args, Set.of("--host", "--port", "--listen-port"), Set.of(Backend.SIMULATED));
        boolean simulated = options.flag(Backend.SIMULATED);
        boolean ownServer = !options.has("--host") && !options.has("--port");
        if (!ownServer && options.has("--listen-port")) {
            throw new UsageException("--listen-port starts the embedded listener; it cannot be combined with"
                    + " --host or --port");
        }
        int listenPort = options.port("--listen-port", 0);
        SockAddr server = ownServer ? null : options.address("--host", "127.0.0.1", options.port("--port", SEED_PORT));

        if (simulated && !ownServer) {
            throw new UsageException("--simulated runs against the embedded listener; it cannot be combined with"
                    + " --host or --port");
        }
        try (Backend backend = Backend.open(simulated)) {
            Sockets sockets = backend.sockets();
            out.heading("1. The seed's program on the kit's POSIX API (" + backend.describe() + ")");
            if (ownServer) {
                try (EmbeddedListener listener = EmbeddedListener.start(sockets, listenPort, out)) {
                    SendHello.run(sockets, listener.address(), out);
                    listener.printWhatArrived();
                }
            } else {
                SendHello.run(sockets, server, out);
            }

            out.heading("2. The same flow in idiomatic Java (java.net.Socket)");
            if (simulated) {
                out.note("java.net.Socket always uses the real kernel: skipped with --simulated");
            } else if (ownServer) {
                SendHelloJava.runWithEmbeddedServer(out);
            } else {
                SendHelloJava.run(server, out);
            }

            if (ownServer) {
                out.heading("3. A refused connection: nothing listens on the port");
                SendHello.showRefused(sockets, out);
                if (!simulated) {
                    SendHelloJava.showRefused(out);
                }
            }
            backend.printTrace(out);
        }
    }
}
