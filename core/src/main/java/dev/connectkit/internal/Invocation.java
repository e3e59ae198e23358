package dev.connectkit.internal;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.time.Duration;
import java.util.List;

/**
 * One socket call as {@link Syscalls} hands it to a {@link CallObserver}: the call, by its C name, with the
 * arguments it was given. A record per call, so whoever interprets them (the tracer) handles every call in one
 * {@code switch} and the compiler points at it when a call is added.
 */
public sealed interface Invocation {

    /** The C name of the call: {@code connect}, {@code getsockname}, … */
    String name();

    /** {@code socket(domain, type, 0)}. */
    record Socket(AddressFamily domain, SocketType type) implements Invocation {
        @Override
        public String name() {
            return "socket";
        }
    }

    /** {@code bind(fd, addr, addrlen)}. */
    record Bind(int fd, SockAddr addr) implements Invocation {
        @Override
        public String name() {
            return "bind";
        }
    }

    /** {@code listen(fd, backlog)}. */
    record Listen(int fd, int backlog) implements Invocation {
        @Override
        public String name() {
            return "listen";
        }
    }

    /** {@code accept(fd, NULL, NULL)}. */
    record Accept(int fd) implements Invocation {
        @Override
        public String name() {
            return "accept";
        }
    }

    /** {@code connect(fd, addr, addrlen)}; {@code addrlen} is {@link #SIZEOF} when the kit computes it. */
    record Connect(int fd, SockAddr addr, int addrlen) implements Invocation {
        /** The address length the kit passes by itself: the size of the address's C structure. */
        public static final int SIZEOF = Integer.MIN_VALUE;

        @Override
        public String name() {
            return "connect";
        }
    }

    /** {@code getsockname(fd, &addr, &addrlen)}. */
    record GetSockName(int fd) implements Invocation {
        @Override
        public String name() {
            return "getsockname";
        }
    }

    /** {@code getpeername(fd, &addr, &addrlen)}. */
    record GetPeerName(int fd) implements Invocation {
        @Override
        public String name() {
            return "getpeername";
        }
    }

    /** {@code getsockopt(fd, level, option, &value, &len)}. */
    record GetSockOpt(int fd, SocketOption option) implements Invocation {
        @Override
        public String name() {
            return "getsockopt";
        }
    }

    /** {@code setsockopt(fd, level, option, &value, sizeof value)}. */
    record SetSockOpt(int fd, SocketOption option, int value) implements Invocation {
        @Override
        public String name() {
            return "setsockopt";
        }
    }

    /** {@code fcntl(fd, F_SETFL, flags)} with or without {@code O_NONBLOCK}. */
    record SetNonBlocking(int fd, boolean nonBlocking) implements Invocation {
        @Override
        public String name() {
            return "fcntl";
        }
    }

    /** {@code fcntl(fd, F_GETFL)}. */
    record IsNonBlocking(int fd) implements Invocation {
        @Override
        public String name() {
            return "fcntl";
        }
    }

    /** {@code poll(fds, nfds, timeout)}. */
    record Poll(List<PollFd> fds, int timeoutMillis) implements Invocation {
        @Override
        public String name() {
            return "poll";
        }
    }

    /** {@code send(fd, data, len, 0)}. */
    record Send(int fd, byte[] data) implements Invocation {
        @Override
        public String name() {
            return "send";
        }
    }

    /** {@code recv(fd, buffer, len, 0)}: the buffer holds what was received once the call returns. */
    record Recv(int fd, byte[] buffer) implements Invocation {
        @Override
        public String name() {
            return "recv";
        }
    }

    /** {@code sendto(fd, data, len, 0, to, tolen)}. */
    record SendTo(int fd, byte[] data, SockAddr to) implements Invocation {
        @Override
        public String name() {
            return "sendto";
        }
    }

    /** {@code recvfrom(fd, buf, maxLength, 0, &from, &fromlen)}. */
    record RecvFrom(int fd, int maxLength) implements Invocation {
        @Override
        public String name() {
            return "recvfrom";
        }
    }

    /** {@code shutdown(fd, how)}. */
    record Shutdown(int fd, ShutdownHow how) implements Invocation {
        @Override
        public String name() {
            return "shutdown";
        }
    }

    /** {@code open(path, O_RDONLY)}: a descriptor that is not a socket. */
    record Open(java.nio.file.Path path) implements Invocation {
        @Override
        public String name() {
            return "open";
        }
    }

    /** {@code close(fd)}. */
    record Close(int fd) implements Invocation {
        @Override
        public String name() {
            return "close";
        }
    }

    /** {@code setitimer(ITIMER_REAL, {delay}, NULL)}: the kit's {@code alarm()}. */
    record Alarm(Duration delay) implements Invocation {
        @Override
        public String name() {
            return "setitimer";
        }
    }
}
