package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated socket: what the kernel keeps for every kind of socket ({@code struct sock}): its pending error
 * ({@code sk_err}), which directions are shut down ({@code sk_shutdown}), O_NONBLOCK and the options. The
 * protocol's own state lives in the subclass, which alone changes it.
 */
abstract sealed class SimSocket permits InetSocket, UnixSocket {
    final int id;
    final AddressFamily family;
    final SocketType type;
    /** The host whose kernel keeps it. */
    final Host host;

    /** The options set on it, made at the first setsockopt() (most sockets never have one). */
    private Map<SocketOption, Integer> options;
    private boolean nonBlocking;
    private Errno error;
    private boolean readShut;
    private boolean writeShut;
    private boolean released;

    SimSocket(int id, Host host, AddressFamily family, SocketType type) {
        this.id = id;
        this.host = host;
        this.family = family;
        this.type = type;
        this.label = new Label(host.name(), id);
    }

    /**
     * How the trace names a socket: {@code local:sock7}. A value of its own, so that a trace step can name the
     * socket without holding on to it (a kept step must not keep a closed socket alive).
     */
    record Label(String host, int id) {
        @Override
        public String toString() {
            return host + ":sock" + id;
        }
    }

    /** How the trace names it. */
    final Label label;

    final boolean stream() {
        return type == SocketType.SOCK_STREAM;
    }

    // ---- O_NONBLOCK and options ----

    final boolean nonBlocking() {
        return nonBlocking;
    }

    final void nonBlocking(boolean on) {
        nonBlocking = on;
    }

    final int option(SocketOption option, int otherwise) {
        return options == null ? otherwise : options.getOrDefault(option, otherwise);
    }

    final boolean flag(SocketOption option) {
        return option(option, 0) != 0;
    }

    final void setOption(SocketOption option, int value) {
        if (options == null) {
            options = new EnumMap<>(SocketOption.class);
        }
        options.put(option, value);
    }

    /** The options a socket made by accept() inherits from its listener (Linux clones the listener). */
    final void inheritOptions(SimSocket listener) {
        if (listener.options != null) {
            options = new EnumMap<>(listener.options);
        }
    }

    // ---- the pending error: sk_err ----

    /** Records an asynchronous error, as {@code sk_err}; the next call that reports errors takes it. */
    final void error(Errno errno) {
        error = errno;
    }

    final boolean hasError() {
        return error != null;
    }

    /** Takes the pending error ({@code sock_error()}): it is reported once. Empty if there is none. */
    final Optional<Errno> takeError() {
        Errno taken = error;
        error = null;
        return Optional.ofNullable(taken);
    }

    // ---- sk_shutdown ----

    final boolean readShut() {
        return readShut;
    }

    final boolean writeShut() {
        return writeShut;
    }

    final void shut(boolean read, boolean write) {
        readShut |= read;
        writeShut |= write;
    }

    /** Both directions shut: {@code sk_shutdown == SHUTDOWN_MASK}. */
    final boolean fullyShut() {
        return readShut && writeShut;
    }

    /** Opens both directions again, as a TCP disconnect does ({@code sk_shutdown = 0}). */
    final void reopen() {
        readShut = false;
        writeShut = false;
    }

    // ---- the descriptor ----

    /** Whether the last descriptor was closed: the process can no longer reach the socket. */
    final boolean released() {
        return released;
    }

    final void release() {
        released = true;
    }
}
