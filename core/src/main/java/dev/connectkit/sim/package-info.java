/**
 * A deterministic simulated network on a virtual clock: hosts, listeners, faults and a trace of every step,
 * behind the same {@link dev.connectkit.posix.Sockets} API as the real kernel.
 */
package dev.connectkit.sim;
