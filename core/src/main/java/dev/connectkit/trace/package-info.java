/**
 * strace for the kit: {@link dev.connectkit.trace.Tracer} wraps any backend so that every socket call is printed
 * as strace prints it, with the statements of the man page it exercised and the time since the trace began; on
 * the simulated network the wire events (segments, TCP states, timers, signals) are merged into the same lines.
 *
 * <p>The examples print their narration this way, and a student can wrap their own exercise code the same way to
 * see what it did:
 * <pre>{@code
 * Sockets sockets = Tracer.printingTo(System.err).trace(Sockets.nativeLibc());
 * }</pre>
 */
package dev.connectkit.trace;
