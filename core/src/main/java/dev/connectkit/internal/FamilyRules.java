package dev.connectkit.internal;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;

import java.util.Optional;

/**
 * What Linux says when the address given to bind(), connect() or sendto() is not of the socket's own family,
 * for the backends that must answer as the kernel would without asking it (the simulator, java.nio). Each rule
 * cites the kernel function that makes the check; the native backend's answers are the test of these rules.
 *
 * <p>An empty result means the address is acceptable: of the socket's family, or an IPv4 address given to an
 * AF_INET6 datagram socket, which Linux sends or connects as IPv4 (dual stack).
 */
public final class FamilyRules {
    /** {@code sizeof(struct sockaddr_in)}. */
    public static final int SOCKADDR_IN_SIZE = 16;
    /** {@code sizeof(struct sockaddr_in6)}. */
    public static final int SOCKADDR_IN6_SIZE = 28;
    /** {@code SIN6_LEN_RFC2133}: Linux accepts a sockaddr_in6 without its scope id. */
    public static final int SOCKADDR_IN6_MIN_SIZE = 24;
    /** {@code sizeof(struct sockaddr)}, the length the kit passes with AF_UNSPEC. */
    public static final int SOCKADDR_SIZE = 16;
    /** {@code offsetof(struct sockaddr_un, sun_path)}. */
    public static final int SUN_PATH_OFFSET = 2;

    private FamilyRules() {
    }

    /** The length the kit passes with {@code address}, as C's {@code sizeof} would give it. */
    public static int length(SockAddr address) {
        return switch (address) {
            case SockAddr.In ignored -> SOCKADDR_IN_SIZE;
            case SockAddr.In6 ignored -> SOCKADDR_IN6_SIZE;
            case SockAddr.Un un -> un.unnamed() ? SUN_PATH_OFFSET : Math.min(SUN_PATH_OFFSET
                    + un.path().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1, 110);
            case SockAddr.Unspec ignored -> SOCKADDR_SIZE;
        };
    }

    /**
     * bind(): {@code inet_bind} wants at least a sockaddr_in, then AF_INET (EAFNOSUPPORT otherwise);
     * {@code inet6_bind} at least SIN6_LEN_RFC2133 bytes (EINVAL), then AF_INET6 (EAFNOSUPPORT);
     * {@code unix_bind} an AF_UNIX address (EINVAL).
     */
    public static Optional<Errno> bind(AddressFamily socket, SockAddr address) {
        if (address.family() == socket || socket == AddressFamily.AF_INET && address instanceof SockAddr.Unspec) {
            return Optional.empty(); // inet_bind() takes AF_UNSPEC with INADDR_ANY as the AF_INET wildcard
        }
        int length = length(address);
        return Optional.of(switch (socket) {
            case AF_INET -> length < SOCKADDR_IN_SIZE ? Errno.EINVAL : Errno.EAFNOSUPPORT;
            case AF_INET6 -> length < SOCKADDR_IN6_MIN_SIZE ? Errno.EINVAL : Errno.EAFNOSUPPORT;
            case AF_UNIX, AF_UNSPEC -> Errno.EINVAL;
        });
    }

    /**
     * connect() to an address of another family (AF_UNSPEC is the caller's own case: a disconnect):
     * {@code tcp_v4_connect} and {@code __ip4_datagram_connect} want a sockaddr_in (EINVAL), then AF_INET
     * (EAFNOSUPPORT); {@code tcp_v6_connect} wants SIN6_LEN_RFC2133 bytes (EINVAL), then AF_INET6; an AF_INET6
     * datagram socket takes an AF_INET address as IPv4 ({@code __ip6_datagram_connect}); AF_UNIX wants its own
     * family ({@code unix_validate_addr}: EINVAL).
     */
    public static Optional<Errno> connect(AddressFamily socket, SocketType type, SockAddr address) {
        if (address.family() == socket) {
            return Optional.empty();
        }
        int length = length(address);
        return switch (socket) {
            case AF_INET -> Optional.of(length < SOCKADDR_IN_SIZE ? Errno.EINVAL : Errno.EAFNOSUPPORT);
            case AF_INET6 -> type == SocketType.SOCK_DGRAM && address instanceof SockAddr.In
                    ? Optional.empty()
                    : Optional.of(length < SOCKADDR_IN6_MIN_SIZE ? Errno.EINVAL : Errno.EAFNOSUPPORT);
            case AF_UNIX, AF_UNSPEC -> Optional.of(Errno.EINVAL);
        };
    }

    /**
     * sendto() on a datagram socket: {@code udp_sendmsg} wants a sockaddr_in (EINVAL) of family AF_INET or
     * AF_UNSPEC (EAFNOSUPPORT); {@code udpv6_sendmsg} sends an AF_INET address as IPv4, ignores AF_UNSPEC, and
     * refuses other families with EINVAL; AF_UNIX wants its own family (EINVAL).
     */
    public static Optional<Errno> sendto(AddressFamily socket, SockAddr address) {
        if (address.family() == socket) {
            return Optional.empty();
        }
        int length = length(address);
        return switch (socket) {
            // AF_UNSPEC passes as AF_INET, but the kit's null address has port 0, which udp_sendmsg() refuses
            case AF_INET -> length < SOCKADDR_IN_SIZE || address instanceof SockAddr.Unspec ? Optional.of(Errno.EINVAL)
                    : Optional.of(Errno.EAFNOSUPPORT);
            case AF_INET6 -> address instanceof SockAddr.In || address instanceof SockAddr.Unspec
                    ? Optional.empty() : Optional.of(Errno.EINVAL);
            case AF_UNIX, AF_UNSPEC -> Optional.of(Errno.EINVAL);
        };
    }
}
