package dev.connectkit.trace;

import dev.connectkit.internal.Invocation;
import dev.connectkit.manpage.Statement;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.connectkit.manpage.Statement.S_01;
import static dev.connectkit.manpage.Statement.S_02;
import static dev.connectkit.manpage.Statement.S_03;
import static dev.connectkit.manpage.Statement.S_04;
import static dev.connectkit.manpage.Statement.S_05;
import static dev.connectkit.manpage.Statement.S_06;
import static dev.connectkit.manpage.Statement.S_07;
import static dev.connectkit.manpage.Statement.S_09;
import static dev.connectkit.manpage.Statement.S_10;
import static dev.connectkit.manpage.Statement.S_11;
import static dev.connectkit.manpage.Statement.S_12;
import static dev.connectkit.manpage.Statement.S_13;
import static dev.connectkit.manpage.Statement.S_14;

/**
 * Which statements of the man page a call just exercised, from the call, its outcome and what the trace knew of
 * the descriptor before it. A rule names a statement only where the outcome shows it: EINPROGRESS is S-11 and
 * EALREADY S-12 whatever else is known, but "connect() bound the socket" (S-01) needs a socket the trace saw
 * unbound.
 */
final class StatementRules {
    private StatementRules() {
    }

    /**
     * The statements shown by {@code invocation}, which returned {@code result} or failed with {@code errno}, judged
     * on what {@code book} knew before the call.
     */
    static List<Statement> of(Invocation invocation, Descriptors book, Object result, Errno errno) {
        List<Statement> shown = new ArrayList<>();
        Descriptors.Socket before = book.get(Descriptors.fdOf(invocation));
        switch (invocation) {
            case Invocation.Connect(int ignored, SockAddr addr, int alsoIgnored) -> connect(before, addr, errno, shown);
            case Invocation.Poll poll -> {
                if (errno == null) {
                    @SuppressWarnings("unchecked")
                    List<Set<PollEvent>> revents = (List<Set<PollEvent>>) result;
                    // A pending attempt completed: its descriptor became writable without an error (S-13).
                    for (int i = 0; i < revents.size() && !shown.contains(S_13); i++) {
                        if (poll.fds().get(i).events().contains(PollEvent.POLLOUT)
                                && revents.get(i).contains(PollEvent.POLLOUT) && !revents.get(i).contains(PollEvent.POLLERR)
                                && book.get(poll.fds().get(i).fd()).pending()) {
                            shown.add(S_13);
                        }
                    }
                }
            }
            case Invocation.GetSockName ignored -> {
                if (errno == null && result instanceof SockAddr address) {
                    if (before.binding() == Descriptors.Binding.IMPLICIT && !before.unix()) {
                        shown.add(S_01);
                    } else if (before.unix() && address instanceof SockAddr.Un un && un.unnamed()
                            && (before.stream() && before.hasPeer() || before.pending())) {
                        shown.add(S_02);
                    }
                }
            }
            case Invocation.GetPeerName ignored -> {
                if (before.datagram() && errno == null && before.hasPeer()) {
                    shown.add(S_03);
                } else if (before.datagram() && errno == Errno.ENOTCONN && before.peerReset()) {
                    shown.add(S_06);
                }
            }
            case Invocation.Send ignored -> {
                if (before.datagram() && errno == null && before.hasPeer()) {
                    shown.add(S_04);
                } else if (before.datagram() && errno == Errno.EDESTADDRREQ && before.peerReset()) {
                    shown.add(S_06);
                }
            }
            case Invocation.Recv ignored -> datagramReceive(before, errno, shown);
            case Invocation.RecvFrom ignored -> datagramReceive(before, errno, shown);
            default -> {
            }
        }
        return List.copyOf(shown);
    }

    private static void connect(Descriptors.Socket before, SockAddr addr, Errno errno, List<Statement> shown) {
        if (addr instanceof SockAddr.Unspec) {
            if (!before.stream()) {
                shown.add(S_06); // the protocol's null address resets a datagram socket's peer
            }
            return;
        }
        if (errno != null) {
            shown.addAll(ofFailedConnect(errno, !before.datagram()));
            return;
        }
        if (before.datagram()) {
            shown.add(S_03);
            implicitBind(before, shown);
            return;
        }
        if (!before.attempted()) { // after EINPROGRESS or EINTR, 0 only reports the attempt's completion
            shown.add(S_07);
            implicitBind(before, shown);
        }
    }

    /**
     * The statements a connect() that failed with {@code errno} shows, whatever else the trace knows: the kit's one
     * map from a connect() errno to the man page ({@link Tracer#statementsOf(Errno)} gives it to other programs).
     *
     * @param connectionMode whether the socket is connection-mode; a datagram socket's connect() only ever shows S-14
     */
    static List<Statement> ofFailedConnect(Errno errno, boolean connectionMode) {
        if (errno == Errno.EACCES || errno == Errno.EPERM) {
            return List.of(S_14); // the process lacked a privilege (or a permission) the socket needs
        }
        if (!connectionMode) {
            return List.of();
        }
        return switch (errno) {
            case ECONNREFUSED -> List.of(S_07);
            case ETIMEDOUT -> List.of(S_09);
            case EINTR -> List.of(S_10);
            case EINPROGRESS -> List.of(S_11);
            case EALREADY -> List.of(S_12);
            default -> List.of();
        };
    }

    /** connect() on a socket the trace saw unbound: S-01 binds an AF_INET one, S-02 leaves an AF_UNIX one be. */
    private static void implicitBind(Descriptors.Socket before, List<Statement> shown) {
        if (before.family() == null || before.binding() != Descriptors.Binding.NONE) {
            return;
        }
        shown.add(before.unix() ? S_02 : S_01);
    }

    private static void datagramReceive(Descriptors.Socket before, Errno errno, List<Statement> shown) {
        if (before.datagram() && errno == null && before.hasPeer()) {
            shown.add(S_05); // only the peer's datagrams reach a connected datagram socket
        }
    }
}
