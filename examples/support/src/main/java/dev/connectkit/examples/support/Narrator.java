package dev.connectkit.examples.support;

import dev.connectkit.trace.Printable;

import java.io.PrintStream;

/**
 * The printed commentary of a program that narrates for itself: headings, notes and plain lines. The system
 * calls themselves are printed by the kit's tracer ({@code dev.connectkit.trace.Tracer}), never by hand.
 */
public final class Narrator {
    private final PrintStream out;

    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** A line of commentary, set off from the output: {@code     # text}. */
    public void note(String text) {
        out.println("    # " + Printable.line(text));
    }

    /** What the program's own peer did, marked as the other side of the conversation. */
    public void peer(String text) {
        out.println("    [peer] " + Printable.line(text));
    }

    /** A heading that starts a part of the program. */
    public void heading(String text) {
        out.println();
        out.println("== " + Printable.line(text));
    }

    /** Any other line. */
    public void println(String text) {
        out.println(text);
    }
}
