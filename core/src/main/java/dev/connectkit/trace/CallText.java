package dev.connectkit.trace;

import dev.connectkit.internal.Invocation;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * How strace would print a call: {@code connect(3, {AF_INET, 127.0.0.1:8080}, 16)}, its return value, and what
 * strace adds after it ({@code (Timeout)}, the {@code revents} of poll). Out-parameters (the address getsockname
 * fills in, the bytes recv received) are shown once the call has returned, as strace shows them; after a failure
 * they are shown as {@code ...}, since the kernel wrote nothing there.
 */
final class CallText {
    /** strace's default string limit ({@code -s 32}): longer data ends in {@code ...}. */
    static final int STRING_LIMIT = 32;
    private static final String UNWRITTEN = "...";
    /** Linux's {@code O_RDWR}: every socket descriptor is open for reading and writing. */
    private static final int O_RDWR = 02;
    /** Linux's {@code O_NONBLOCK}. */
    private static final int O_NONBLOCK = 04000;

    private CallText() {
    }

    /** The call with its arguments: what precedes {@code =} in strace's line. */
    static String call(Invocation invocation, Object result, boolean failed) {
        return invocation.name() + "(" + arguments(invocation, failed ? null : result) + ")";
    }

    /** The value C returns: the descriptor, the byte count, 0, or -1 after a failure. */
    static String returned(Invocation invocation, Object result, boolean failed) {
        if (failed) {
            return "-1";
        }
        return switch (invocation) {
            case Invocation.Socket ignored -> String.valueOf(result);
            case Invocation.Open ignored -> String.valueOf(result);
            case Invocation.Accept ignored -> String.valueOf(result);
            case Invocation.Send ignored -> String.valueOf(result);
            case Invocation.Recv ignored -> String.valueOf(result);
            case Invocation.SendTo ignored -> String.valueOf(result);
            case Invocation.RecvFrom ignored -> String.valueOf(((Datagram) result).data().length);
            case Invocation.Poll ignored -> String.valueOf(ready(pollResult(result)));
            case Invocation.IsNonBlocking ignored -> "0x" + Integer.toHexString(flags((Boolean) result));
            default -> "0";
        };
    }

    /** What strace prints after the return value: {@code (Timeout)}, poll's revents, fcntl's flags; or "". */
    static String detail(Invocation invocation, Object result, boolean failed) {
        if (failed) {
            return "";
        }
        return switch (invocation) {
            case Invocation.Poll poll -> {
                List<Set<PollEvent>> revents = pollResult(result);
                if (ready(revents) == 0) {
                    yield "(Timeout)";
                }
                StringJoiner entries = new StringJoiner(", ", "([", "])");
                for (int i = 0; i < revents.size(); i++) {
                    if (!revents.get(i).isEmpty()) {
                        entries.add("{fd=" + poll.fds().get(i).fd() + ", revents=" + events(revents.get(i)) + "}");
                    }
                }
                yield entries.toString();
            }
            case Invocation.IsNonBlocking ignored -> "(flags " + flagNames(flags((Boolean) result)) + ")";
            default -> "";
        };
    }

    private static String arguments(Invocation invocation, Object result) {
        return switch (invocation) {
            case Invocation.Socket(var domain, var type) -> domain + ", " + type + ", 0";
            case Invocation.Bind(int fd, SockAddr addr) -> fd + ", " + sockaddr(addr) + ", " + sizeOf(addr);
            case Invocation.Listen(int fd, int backlog) -> fd + ", " + backlog;
            case Invocation.Accept(int fd) -> fd + ", NULL, NULL";
            case Invocation.Connect(int fd, SockAddr addr, int addrlen) -> fd + ", " + sockaddr(addr) + ", "
                    + (addrlen == Invocation.Connect.SIZEOF ? sizeOf(addr) : Integer.toUnsignedString(addrlen));
            case Invocation.GetSockName(int fd) -> fd + ", " + filledAddress(result);
            case Invocation.GetPeerName(int fd) -> fd + ", " + filledAddress(result);
            case Invocation.GetSockOpt(int fd, SocketOption option) -> fd + ", " + level(option) + ", " + option
                    + ", " + (result == null ? UNWRITTEN : "[" + optionValue(option, (Integer) result) + "]") + ", [4]";
            case Invocation.SetSockOpt(int fd, SocketOption option, int value) -> fd + ", " + level(option) + ", "
                    + option + ", [" + value + "], 4";
            case Invocation.SetNonBlocking(int fd, boolean nonBlocking) -> fd + ", F_SETFL, "
                    + flagNames(flags(nonBlocking));
            case Invocation.IsNonBlocking(int fd) -> fd + ", F_GETFL";
            case Invocation.Poll(List<PollFd> fds, int timeout) -> pollFds(fds) + ", " + fds.size() + ", " + timeout;
            case Invocation.Send(int fd, byte[] data) -> fd + ", " + string(data, data.length) + ", " + data.length
                    + ", 0";
            case Invocation.Recv(int fd, byte[] buffer) -> fd + ", "
                    + (result == null ? UNWRITTEN : string(buffer, (Integer) result)) + ", " + buffer.length + ", 0";
            case Invocation.SendTo(int fd, byte[] data, SockAddr to) -> fd + ", " + string(data, data.length) + ", "
                    + data.length + ", 0, " + sockaddr(to) + ", " + sizeOf(to);
            case Invocation.RecvFrom(int fd, int maxLength) -> fd + ", " + receivedFrom((Datagram) result, maxLength);
            case Invocation.Shutdown(int fd, var how) -> fd + ", " + how;
            case Invocation.Open(var path) -> quoted(path.toString()) + ", O_RDONLY";
            case Invocation.Close(int fd) -> String.valueOf(fd);
            case Invocation.Alarm(Duration delay) -> "ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value="
                    + timeval(delay) + "}, NULL";
        };
    }

    /** An address in strace's braces: {@code {AF_INET, 127.0.0.1:8080}}, {@code {AF_UNIX, "/tmp/s"}}. */
    static String sockaddr(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> "{AF_INET, " + in + "}";
            case SockAddr.In6 in6 -> "{AF_INET6, " + in6 + "}";
            case SockAddr.Un un -> un.unnamed() ? "{AF_UNIX}" : "{AF_UNIX, " + quoted(un.path()) + "}";
            case SockAddr.Unspec ignored -> "{AF_UNSPEC}";
        };
    }

    /**
     * The length C passes with the address: {@code sizeof(struct sockaddr_in)} (16), {@code sockaddr_in6} (28),
     * {@code struct sockaddr} for AF_UNSPEC (16); for AF_UNIX the family plus the path and its NUL (just the
     * family, 2, for the unnamed address), as the kernel reports it.
     */
    static int sizeOf(SockAddr address) {
        return switch (address) {
            case SockAddr.In ignored -> 16;
            case SockAddr.In6 ignored -> 28;
            case SockAddr.Un un -> un.unnamed() ? 2
                    : Math.min(2 + un.path().getBytes(StandardCharsets.UTF_8).length + 1, 2 + SockAddr.Un.MAX_PATH_BYTES);
            case SockAddr.Unspec ignored -> 16;
        };
    }

    private static String filledAddress(Object result) {
        if (result == null) {
            return UNWRITTEN + ", " + UNWRITTEN;
        }
        SockAddr address = (SockAddr) result;
        return sockaddr(address) + ", [" + sizeOf(address) + "]";
    }

    private static String receivedFrom(Datagram datagram, int maxLength) {
        if (datagram == null) {
            return UNWRITTEN + ", " + maxLength + ", 0, " + UNWRITTEN + ", " + UNWRITTEN;
        }
        byte[] data = datagram.data();
        String from = datagram.from() == null ? "NULL, NULL" : sockaddr(datagram.from()) + ", [" + sizeOf(datagram.from()) + "]";
        return string(data, data.length) + ", " + maxLength + ", 0, " + from;
    }

    private static String level(SocketOption option) {
        return switch (option) {
            case SO_ERROR, SO_BROADCAST, SO_REUSEADDR, SO_LINGER -> "SOL_SOCKET";
            case TCP_SYNCNT -> "SOL_TCP";
            case IPV6_V6ONLY -> "SOL_IPV6";
        };
    }

    /** SO_ERROR holds an errno: strace names it ({@code [ECONNREFUSED]}); 0 and other options stay numbers. */
    private static String optionValue(SocketOption option, int value) {
        if (option == SocketOption.SO_ERROR && value != 0) {
            return Errno.forNumber(value).map(Errno::name).orElse(String.valueOf(value));
        }
        return String.valueOf(value);
    }

    private static String pollFds(List<PollFd> fds) {
        return fds.stream().map(p -> "{fd=" + p.fd() + ", events=" + events(p.events()) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String events(Set<PollEvent> events) {
        return events.isEmpty() ? "0" : events.stream().map(Enum::name).collect(Collectors.joining("|"));
    }

    @SuppressWarnings("unchecked")
    private static List<Set<PollEvent>> pollResult(Object result) {
        return (List<Set<PollEvent>>) result;
    }

    private static int ready(List<Set<PollEvent>> revents) {
        return (int) revents.stream().filter(r -> !r.isEmpty()).count();
    }

    private static int flags(boolean nonBlocking) {
        return nonBlocking ? O_RDWR | O_NONBLOCK : O_RDWR;
    }

    private static String flagNames(int flags) {
        return (flags & O_NONBLOCK) != 0 ? "O_RDWR|O_NONBLOCK" : "O_RDWR";
    }

    private static String timeval(Duration delay) {
        return "{tv_sec=" + delay.toSeconds() + ", tv_usec=" + delay.toNanosPart() / 1_000 + "}";
    }

    /**
     * Bytes as strace shows them: printable ASCII as it is, the usual C escapes, anything else in octal, at most
     * {@link #STRING_LIMIT} bytes and then {@code ...}. No control character ever reaches the terminal raw.
     */
    static String string(byte[] data, int length) {
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(length, STRING_LIMIT);
        for (int i = 0; i < shown; i++) {
            escape(text, data[i] & 0xff);
        }
        text.append('"');
        if (length > STRING_LIMIT) {
            text.append("...");
        }
        return text.toString();
    }

    private static String quoted(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            escape(out, b & 0xff);
        }
        return out.append('"').toString();
    }

    private static void escape(StringBuilder out, int b) {
        switch (b) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    out.append((char) b);
                } else {
                    out.append(String.format(Locale.ROOT, "\\%03o", b));
                }
            }
        }
    }
}
