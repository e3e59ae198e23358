package dev.connectkit.corpus;

import dev.connectkit.conformance.Observer;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a scenario writes down, one line per observation, through the differential test's {@link Observer}: return
 * values and errno names, poll flags, SO_ERROR by name, addresses with their port reduced to a class, AF_UNIX
 * paths relative to the scenario's folder. Two backends agree when they write the same lines.
 */
final class Observations {

    /** A call that returns a count (bytes, a descriptor) or fails with an errno. */
    @FunctionalInterface
    interface Counted {
        int run() throws ErrnoException;
    }

    /** A call that returns an address or fails with an errno. */
    @FunctionalInterface
    interface Named {
        SockAddr run() throws ErrnoException;
    }

    private final Observer observer;
    private final Workspace workspace;

    Observations(Observer observer, Workspace workspace) {
        this.observer = observer;
        this.workspace = workspace;
    }

    /** {@code what = 0} or {@code what = -1 ERRNO}. */
    void call(String what, Outcome.Call call) {
        observer.call(what, call);
    }

    /**
     * A call where Linux may legitimately end either way (a race the source itself allows): writes
     * {@code what = 0 or -1 EALREADY} when the outcome is one of {@code allowed}, the outcome itself otherwise.
     */
    void callEither(String what, Outcome.Call call, Outcome... allowed) {
        Outcome outcome = Outcome.of(call);
        if (List.of(allowed).contains(outcome)) {
            observer.value(what, String.join(" or ", List.of(allowed).stream().map(Observations::shown).toList()));
        } else {
            observer.call(what, () -> {
                if (!outcome.succeeded()) {
                    throw new ErrnoException("connect", outcome.errno());
                }
            });
        }
    }

    private static String shown(Outcome outcome) {
        return outcome.succeeded() ? "0" : "-1 " + outcome.errno().name();
    }

    /** {@code what = n} or {@code what = -1 ERRNO}. */
    void count(String what, Counted call) {
        try {
            observer.value(what, call.run());
        } catch (ErrnoException e) {
            observer.call(what, () -> {
                throw e;
            });
        }
    }

    /**
     * accept() on a listener that should have a connection waiting: {@code what = fd} (a new descriptor) or
     * {@code what = -1 ERRNO}. It first waits up to {@link Peers#SOON_MILLIS} for the listener to be readable,
     * so a backend that never completed the connection writes {@code what = (would block)} instead of hanging.
     *
     * @return the new descriptor, or -1 if there was none
     */
    int accept(String what, Sockets s, int listener) throws ErrnoException {
        if (!s.isNonBlocking(listener) && Peers.poll(s, listener, Peers.SOON_MILLIS, PollEvent.POLLIN).isEmpty()) {
            observer.value(what, "(would block)");
            return -1;
        }
        try {
            int fd = s.accept(listener);
            observer.value(what, "fd");
            return fd;
        } catch (ErrnoException e) {
            observer.call(what, () -> {
                throw e;
            });
            return -1;
        }
    }

    /** {@code what = 127.0.0.1:ephemeral} or {@code what = -1 ENOTCONN}. */
    void name(String what, Named call) {
        try {
            address(what, call.run());
        } catch (ErrnoException e) {
            observer.call(what, () -> {
                throw e;
            });
        }
    }

    /**
     * A blocking recv() that Linux answers at once (data, end of file or an error is there): {@code what = n} or
     * {@code what = -1 ERRNO}. A backend that would block instead writes {@code what = (would block)}: the call
     * waits for POLLIN first (without writing it down), then runs on its own thread for up to
     * {@link Peers#SOON_MILLIS}; if it is still blocked then, the descriptor is closed to release it, so the
     * scenario's later steps see EBADF and the run ends instead of hanging.
     */
    void recvNow(String what, Sockets s, int fd) throws ErrnoException {
        if (Peers.poll(s, fd, Peers.SOON_MILLIS, PollEvent.POLLIN).isEmpty()) {
            observer.value(what, "(would block)");
            return;
        }
        CompletableFuture<Integer> received = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("corpus recv").start(() -> {
            try {
                received.complete(s.recv(fd, new byte[2048]));
            } catch (ErrnoException | RuntimeException e) {
                received.completeExceptionally(e);
            }
        });
        try {
            int n = received.get(Peers.SOON_MILLIS, TimeUnit.MILLISECONDS);
            observer.value(what, n);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ErrnoException errno) {
                observer.call(what, () -> {
                    throw errno;
                });
            } else {
                throw new IllegalStateException(e.getCause());
            }
        } catch (TimeoutException e) {
            observer.value(what, "(would block)");
            s.close(fd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            joinBriefly(reader);
        }
    }

    private static void joinBriefly(Thread reader) {
        try {
            reader.join(Duration.ofMillis(Peers.SOON_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One recvfrom(): {@code what = n} and {@code what: from = <address>}, or {@code what = -1 ERRNO}. */
    void recvfrom(String what, Sockets s, int fd) {
        try {
            Datagram d = s.recvfrom(fd, 2048);
            observer.value(what, d.data().length);
            address(what + ": from", d.from());
        } catch (ErrnoException e) {
            observer.call(what, () -> {
                throw e;
            });
        }
    }

    /** An address, its port reduced to a class and an AF_UNIX path made relative to the scenario's folder. */
    void address(String what, SockAddr address) {
        if (address instanceof SockAddr.In || address instanceof SockAddr.In6) {
            observer.address(what, address);
        } else {
            observer.value(what, shape(address));
        }
    }

    /** {@code what -> [POLLOUT, POLLERR]}. */
    void poll(String what, Set<PollEvent> revents) {
        observer.poll(what, revents);
    }

    /** {@code SO_ERROR = ECONNREFUSED}, or {@code SO_ERROR = 0}; reading it clears it. */
    void soError(Sockets s, int fd) throws ErrnoException {
        int number = s.getsockopt(fd, SocketOption.SO_ERROR);
        observer.value("SO_ERROR", number == 0 ? "0" : Errno.forNumber(number).map(Enum::name).orElse("errno " + number));
    }

    /** {@code what = value}. */
    void value(String what, Object value) {
        observer.value(what, value);
    }

    /** The absolute path of {@code name} in the scenario's folder. */
    String path(String name) {
        return workspace.path(name);
    }

    Workspace workspace() {
        return workspace;
    }

    List<String> lines() {
        return observer.lines();
    }

    private String shape(SockAddr address) {
        return switch (address) {
            case SockAddr.Un un -> un.unnamed() ? un.toString() : "unix:" + workspace.relative(un.path());
            default -> address.toString();
        };
    }
}
