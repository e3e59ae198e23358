package dev.connectkit.trace;

import dev.connectkit.internal.Invocation;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the trace has seen of each descriptor of one process: its family and type, whether it is bound and how,
 * whether a connect() is pending, and a datagram socket's peer. It learns only from the calls it sees, so a
 * descriptor it never saw created is {@link #UNKNOWN}; the statements it names then stay unnamed rather than
 * guessed.
 */
final class Descriptors {

    /** How a socket came by its local address. */
    enum Binding {
        /** Not bound: getsockname() shows the wildcard, or an unnamed AF_UNIX socket. */
        NONE,
        /** bind() gave it an address. */
        EXPLICIT,
        /** connect() bound it to an unused local address (S-01). */
        IMPLICIT
    }

    /** One descriptor as the trace knows it. */
    record Socket(AddressFamily family, SocketType type, Binding binding, boolean pending, boolean attempted,
                  boolean hasPeer, boolean peerReset) {
        boolean datagram() {
            return type == SocketType.SOCK_DGRAM;
        }

        boolean stream() {
            return type == SocketType.SOCK_STREAM;
        }

        boolean unix() {
            return family == AddressFamily.AF_UNIX;
        }

        Socket bound(Binding how) {
            return new Socket(family, type, how, pending, attempted, hasPeer, peerReset);
        }

        /** An asynchronous attempt starts (EINPROGRESS, EINTR) or its outcome is collected. */
        Socket pending(boolean now) {
            return new Socket(family, type, binding, now, attempted || now, hasPeer, peerReset);
        }

        Socket peer(boolean set) {
            return new Socket(family, type, binding, pending, attempted, set, !set);
        }
    }

    /** A descriptor the trace did not see created. */
    static final Socket UNKNOWN = new Socket(null, null, Binding.NONE, false, false, false, false);

    private final Map<Integer, Socket> table = new HashMap<>();

    /** The descriptor a call is made on, or -1 for a call that takes none (socket, poll, setitimer). */
    static int fdOf(Invocation invocation) {
        return switch (invocation) {
            case Invocation.Bind b -> b.fd();
            case Invocation.Listen l -> l.fd();
            case Invocation.Accept a -> a.fd();
            case Invocation.Connect c -> c.fd();
            case Invocation.GetSockName g -> g.fd();
            case Invocation.GetPeerName g -> g.fd();
            case Invocation.GetSockOpt g -> g.fd();
            case Invocation.SetSockOpt s -> s.fd();
            case Invocation.SetNonBlocking s -> s.fd();
            case Invocation.IsNonBlocking i -> i.fd();
            case Invocation.Send s -> s.fd();
            case Invocation.Recv r -> r.fd();
            case Invocation.SendTo s -> s.fd();
            case Invocation.RecvFrom r -> r.fd();
            case Invocation.Shutdown s -> s.fd();
            case Invocation.Close c -> c.fd();
            case Invocation.Socket ignored -> -1;
            case Invocation.Poll ignored -> -1;
            case Invocation.Alarm ignored -> -1;
            case Invocation.Open ignored -> -1;
        };
    }

    /** What is known of {@code fd}, {@link #UNKNOWN} if nothing. */
    synchronized Socket get(int fd) {
        return table.getOrDefault(fd, UNKNOWN);
    }

    /** Learns from a call that returned {@code result}, or failed with {@code errno} (null on success). */
    synchronized void learn(Invocation invocation, Object result, Errno errno) {
        switch (invocation) {
            case Invocation.Socket(var domain, var type) -> {
                if (errno == null) {
                    table.put((Integer) result, new Socket(domain, type, Binding.NONE, false, false, false, false));
                }
            }
            case Invocation.Bind(int fd, SockAddr ignored) -> {
                if (errno == null) {
                    update(fd, s -> s.bound(Binding.EXPLICIT));
                }
            }
            case Invocation.Accept(int fd) -> {
                if (errno == null) {
                    Socket listener = get(fd);
                    table.put((Integer) result, new Socket(listener.family(), SocketType.SOCK_STREAM,
                            Binding.EXPLICIT, false, false, true, false));
                }
            }
            case Invocation.Connect(int fd, SockAddr addr, int ignored) -> connected(fd, addr, errno);
            case Invocation.GetSockOpt(int fd, SocketOption option) -> {
                if (errno == null && option == SocketOption.SO_ERROR) {
                    update(fd, s -> s.pending(false)); // reading SO_ERROR collects the attempt's outcome
                }
            }
            case Invocation.Poll poll -> {
                // A pending attempt that poll() reports with POLLERR has failed; SO_ERROR then says why.
                if (errno == null) {
                    @SuppressWarnings("unchecked")
                    List<Set<PollEvent>> revents = (List<Set<PollEvent>>) result;
                    for (int i = 0; i < revents.size(); i++) {
                        if (revents.get(i).contains(PollEvent.POLLHUP)) {
                            update(poll.fds().get(i).fd(), s -> s.pending(false));
                        }
                    }
                }
            }
            case Invocation.Close(int fd) -> {
                if (errno == null) {
                    table.remove(fd);
                }
            }
            default -> {
            }
        }
    }

    private void connected(int fd, SockAddr addr, Errno errno) {
        Socket s = get(fd);
        if (s == UNKNOWN) {
            return;
        }
        if (addr instanceof SockAddr.Unspec) {
            if (errno == null && s.datagram()) {
                // Linux also undoes an implicit bind when the peer is reset (the port is released).
                Socket reset = s.peer(false);
                table.put(fd, s.binding() == Binding.IMPLICIT ? reset.bound(Binding.NONE) : reset);
            }
            return;
        }
        Socket next = s;
        if (s.binding() == Binding.NONE && !s.unix() && (errno == null || errno == Errno.EINPROGRESS
                || errno == Errno.EINTR || errno == Errno.EALREADY)) {
            next = next.bound(Binding.IMPLICIT);
        }
        if (errno == null) {
            next = next.peer(true).pending(false);
        } else if (s.stream() && (errno == Errno.EINPROGRESS || errno == Errno.EINTR)) {
            next = next.pending(true);
        } else if (errno != Errno.EALREADY) {
            next = next.pending(false);
        }
        table.put(fd, next);
    }

    private void update(int fd, java.util.function.UnaryOperator<Socket> change) {
        Socket s = table.get(fd);
        if (s != null) {
            table.put(fd, change.apply(s));
        }
    }
}
