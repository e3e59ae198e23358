package dev.connectkit.exercises.happyeyeballs;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.Sockets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/** Exercise 08, reference solution. */
public final class HappyEyeballs {
    private HappyEyeballs() {
    }

    public static int connect(Sockets sockets, List<SockAddr> candidates, Duration attemptDelay) throws ErrnoException {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate address to connect to");
        }
        Map<Integer, SockAddr> attempts = new LinkedHashMap<>(); // started, still pending
        List<ErrnoException> failures = new ArrayList<>();
        int next = 0;
        Instant nextStart = sockets.clock().instant();
        try {
            while (true) {
                Instant now = sockets.clock().instant();
                if (next < candidates.size() && !now.isBefore(nextStart)) {
                    SockAddr candidate = candidates.get(next++);
                    int fd = sockets.socket(candidate.family(), SOCK_STREAM);
                    attempts.put(fd, candidate);
                    sockets.setNonBlocking(fd, true);
                    nextStart = now.plus(attemptDelay);
                    try {
                        sockets.connect(fd, candidate);
                        return won(sockets, attempts, fd); // done at once (S-11 allows it)
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EINPROGRESS) {
                            failed(sockets, attempts, failures, fd, e);
                            nextStart = now; // a failure starts the next attempt at once
                        }
                    }
                    continue;
                }
                if (attempts.isEmpty()) {
                    if (next < candidates.size()) {
                        continue; // the next attempt is due now
                    }
                    ErrnoException last = failures.removeLast();
                    failures.forEach(last::addSuppressed);
                    throw last;
                }
                int wait = next < candidates.size() ? (int) Duration.between(now, nextStart).toMillis() : -1;
                List<Integer> fds = List.copyOf(attempts.keySet());
                List<Set<PollEvent>> ready = sockets.poll(fds.stream().map(PollFd::writable).toList(), wait);
                for (int i = 0; i < fds.size(); i++) {
                    if (ready.get(i).isEmpty()) {
                        continue;
                    }
                    int fd = fds.get(i);
                    int error = sockets.getsockopt(fd, SocketOption.SO_ERROR); // S-13: writable when it has ended
                    if (error == 0) {
                        return won(sockets, attempts, fd);
                    }
                    failed(sockets, attempts, failures, fd, new ErrnoException("connect", Errno.forNumber(error).orElseThrow()));
                    nextStart = sockets.clock().instant();
                }
            }
        } finally {
            for (int fd : attempts.keySet()) {
                sockets.close(fd); // every attempt but the winner
            }
        }
    }

    private static int won(Sockets sockets, Map<Integer, SockAddr> attempts, int fd) throws ErrnoException {
        sockets.setNonBlocking(fd, false);
        attempts.remove(fd);
        return fd;
    }

    private static void failed(Sockets sockets, Map<Integer, SockAddr> attempts, List<ErrnoException> failures, int fd,
                               ErrnoException failure) throws ErrnoException {
        failures.add(failure);
        attempts.remove(fd);
        sockets.close(fd);
    }
}
