package dev.connectkit.exercises.fanout;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/** Exercise 07, reference solution. */
public final class FanOut {
    private FanOut() {
    }

    public enum Outcome { CONNECTED, FAILED, TIMED_OUT }

    public static Map<SockAddr.In, Outcome> connectAll(Sockets sockets, List<SockAddr.In> targets, Duration deadline)
            throws ErrnoException {
        Instant end = sockets.clock().instant().plus(deadline);
        Map<SockAddr.In, Outcome> outcomes = new LinkedHashMap<>();
        Map<Integer, SockAddr.In> pending = new LinkedHashMap<>();
        try {
            for (SockAddr.In target : targets) {
                int fd = sockets.socket(AF_INET, SOCK_STREAM);
                pending.put(fd, target);
                sockets.setNonBlocking(fd, true);
                try {
                    sockets.connect(fd, target);
                    finish(sockets, pending, outcomes, fd, Outcome.CONNECTED); // done at once (S-11 allows it)
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EINPROGRESS) {
                        finish(sockets, pending, outcomes, fd, Outcome.FAILED);
                    }
                }
            }
            while (!pending.isEmpty()) {
                long left = Duration.between(sockets.clock().instant(), end).toMillis();
                if (left <= 0) {
                    break;
                }
                List<Integer> fds = List.copyOf(pending.keySet());
                List<Set<PollEvent>> ready = sockets.poll(fds.stream().map(PollFd::writable).toList(), (int) left);
                for (int i = 0; i < fds.size(); i++) {
                    if (!ready.get(i).isEmpty()) { // S-13: writable, or POLLERR, when the attempt has ended
                        int error = sockets.getsockopt(fds.get(i), SocketOption.SO_ERROR);
                        finish(sockets, pending, outcomes, fds.get(i), error == 0 ? Outcome.CONNECTED : Outcome.FAILED);
                    }
                }
            }
            for (SockAddr.In target : pending.values()) {
                outcomes.put(target, Outcome.TIMED_OUT);
            }
            return outcomes;
        } finally {
            for (int fd : pending.keySet()) {
                sockets.close(fd);
            }
        }
    }

    private static void finish(Sockets sockets, Map<Integer, SockAddr.In> pending, Map<SockAddr.In, Outcome> outcomes,
                               int fd, Outcome outcome) throws ErrnoException {
        outcomes.put(pending.remove(fd), outcome);
        sockets.close(fd);
    }
}
