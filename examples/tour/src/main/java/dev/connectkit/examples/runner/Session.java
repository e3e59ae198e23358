package dev.connectkit.examples.runner;

import dev.connectkit.i18n.Language;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.Sockets;
import dev.connectkit.sim.SimNetwork;
import dev.connectkit.trace.Printable;
import dev.connectkit.trace.Tracer;

import java.io.IOException;
import java.io.PrintStream;

/**
 * One run of an example: where its calls go (the kernel, or the simulated network), the tracer that prints them,
 * and the sentences it prints, in the run's language.
 *
 * <p>The example's own calls go through {@link #sockets()}, traced; the calls it makes for its own peer (the
 * listener a client connects to) go through {@link #peer()}, traced as {@code [peer]}; {@link #quiet()} is the
 * same process untraced, for setup a reader need not see. All three are one process: one descriptor table.
 */
public final class Session implements AutoCloseable {
    private final Text text;
    private final PrintStream out;
    private final Sockets process;
    private final SimNetwork network;
    private final boolean fellBack;
    private final Tracer tracer;
    private final Sockets traced;
    private final Sockets peer;

    private Session(Text text, PrintStream out, Sockets process, SimNetwork network, boolean fellBack) {
        this.text = text;
        this.out = out;
        this.process = process;
        this.network = network;
        this.fellBack = fellBack;
        this.tracer = Tracer.printingTo(out, text.language());
        if (network != null) {
            tracer.follow(network);
        }
        this.traced = tracer.trace(process);
        this.peer = tracer.trace(process, text.get("peer"));
    }

    /**
     * A run on the kernel, or on a fresh simulated network when {@code simulated}; where the kernel's backend
     * cannot run, on the simulated network all the same, after one line on {@code err} that says so.
     */
    static Session open(boolean simulated, Text text, PrintStream out, PrintStream err) {
        boolean fallBack = !simulated && Fallback.reason().isPresent();
        if (fallBack) {
            Fallback.announce(text, err);
        }
        if (simulated || fallBack) {
            SimNetwork network = SimNetwork.create();
            return new Session(text, out, network.open(), network, fallBack);
        }
        Sockets kernel = Sockets.nativeLibc();
        try {
            Loopback.closedPort(kernel); // untraced: the first native call links every libc downcall (~1 s)
        } catch (ErrnoException e) {
            kernel.close();
            throw new IllegalStateException("the native backend cannot open a loopback socket: "
                    + e.getLocalizedMessage(), e);
        }
        return new Session(text, out, kernel, null, false);
    }

    /** The example's own calls, traced. */
    public Sockets sockets() {
        return traced;
    }

    /** The calls the example makes for its own peer, traced as {@code [peer]}. */
    public Sockets peer() {
        return peer;
    }

    /**
     * The same process traced under another name, such as a stranger that sends to the example's socket;
     * {@code nameKey} is the sentence that names it.
     */
    public Sockets tracedAs(String nameKey) {
        return tracer.trace(process, text.get(nameKey));
    }

    /** The same process, untraced: for setup that is not the point of the example. */
    public Sockets quiet() {
        return process;
    }

    /** Whether the calls run on the simulated network (asked for, or because the kernel's backend cannot run). */
    public boolean simulated() {
        return network != null;
    }

    /** The simulated network; only when {@link #simulated()}. */
    public SimNetwork network() {
        if (network == null) {
            throw new IllegalStateException("the native backend has no simulated network");
        }
        return network;
    }

    /** Where the example prints: its own lines and the trace, interleaved as they happen. */
    public PrintStream out() {
        return out;
    }

    /** The run's language. */
    public Language language() {
        return text.language();
    }

    /** A sentence of the example's, in the run's language. */
    public String text(String key, Object... args) {
        return text.get(key, args);
    }

    /** Starts a part of the example: a blank line and {@code == heading}. */
    public void heading(String key, Object... args) {
        out.println();
        out.println("== " + Printable.line(text.get(key, args)));
    }

    /** Adds a note to the trace, in the run's language: {@code # text}. */
    public void note(String key, Object... args) {
        tracer.note(text.get(key, args));
    }

    /** The part of an example written with java.net or java.nio. */
    @FunctionalInterface
    public interface JavaPart {
        void run() throws IOException;
    }

    /**
     * Runs the example's idiomatic Java part, which always uses the real kernel through the JDK. With
     * {@code --simulated} it is left out, with a note saying so, so that a simulated run prints the same bytes
     * every time; where the kit fell back to the simulator because its native backend cannot run, the JDK still
     * can, and the part runs.
     */
    public void java(JavaPart part) throws IOException {
        if (simulated() && !fellBack) {
            note("java.skipped");
        } else {
            part.run();
        }
    }

    /** Whether the kit's native backend runs the calls: some setups (a listener that drops SYNs) need it. */
    public boolean kernel() {
        return network == null;
    }

    @Override
    public void close() {
        process.close();
    }
}
