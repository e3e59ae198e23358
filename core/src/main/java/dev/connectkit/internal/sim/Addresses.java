package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SockAddr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Internet addresses as the simulated wire carries them, and as each socket shows them.
 *
 * <p>On the wire an address is IPv4 ({@link SockAddr.In}) or IPv6 ({@link SockAddr.In6}), never v4-mapped: an
 * AF_INET6 socket that talks to an IPv4 peer sends IPv4 packets, as Linux's dual stack does. A socket of family
 * AF_INET6 shows an IPv4 address v4-mapped ({@code ::ffff:127.0.0.1}), which is {@link #shown}.
 */
final class Addresses {
    /** {@code sizeof(struct sockaddr_in)}. */
    static final int SOCKADDR_IN_SIZE = 16;
    /** {@code sizeof(struct sockaddr_in6)}. */
    static final int SOCKADDR_IN6_SIZE = 28;
    /** The shortest sockaddr_in6 Linux takes: without sin6_scope_id ({@code SIN6_LEN_RFC2133}). */
    static final int SOCKADDR_IN6_MIN_SIZE = 24;
    /** {@code sizeof(sa_family_t)}: an address this short carries only its family. */
    static final int SA_FAMILY_SIZE = 2;
    /** {@code sizeof(struct sockaddr_un)}. */
    static final int SOCKADDR_UN_SIZE = 110;
    /** {@code sizeof(struct sockaddr)}: what the kit passes for AF_UNSPEC. */
    static final int SOCKADDR_SIZE = 16;
    /** {@code sizeof(struct sockaddr_storage)}: the syscall layer refuses anything longer. */
    static final int SOCKADDR_STORAGE_SIZE = 128;

    static final Inet4Address ANY4 = SockAddr.inet("0.0.0.0", 0).address();
    static final Inet6Address ANY6 = SockAddr.inet6("::", 0).address();
    static final Inet4Address LOOPBACK4 = SockAddr.loopback(0).address();
    static final Inet6Address LOOPBACK6 = SockAddr.loopback6(0).address();

    private Addresses() {
    }

    /** The length the kit's encoding gives {@code address} when the caller passes none (as the native backend). */
    static int naturalLength(SockAddr address) {
        return switch (address) {
            case SockAddr.In ignored -> SOCKADDR_IN_SIZE;
            case SockAddr.In6 ignored -> SOCKADDR_IN6_SIZE;
            case SockAddr.Un un -> un.unnamed() ? SA_FAMILY_SIZE
                    : Math.min(SA_FAMILY_SIZE + un.path().getBytes(StandardCharsets.UTF_8).length + 1, SOCKADDR_UN_SIZE);
            case SockAddr.Unspec ignored -> SOCKADDR_SIZE;
        };
    }

    /** The IP address of an AF_INET or AF_INET6 address. */
    static InetAddress ip(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.address();
            case SockAddr.In6 in6 -> in6.address();
            case SockAddr.Un ignored -> throw new IllegalArgumentException("not an IP address: " + address);
            case SockAddr.Unspec ignored -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    /** The port of an AF_INET or AF_INET6 address. */
    static int port(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.port();
            case SockAddr.In6 in6 -> in6.port();
            case SockAddr.Un ignored -> throw new IllegalArgumentException("not an IP address: " + address);
            case SockAddr.Unspec ignored -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    /** {@code ip:port} as the wire carries it: a v4-mapped IPv6 address becomes the IPv4 address it maps. */
    static SockAddr wire(InetAddress ip, int port) {
        InetAddress unmapped = unmapped(ip);
        return unmapped instanceof Inet4Address v4 ? new SockAddr.In(v4, port)
                : new SockAddr.In6((Inet6Address) unmapped, port);
    }

    /** An address as a socket of {@code family} shows it: an IPv4 address in an AF_INET6 socket is v4-mapped. */
    static SockAddr shown(AddressFamily family, SockAddr wire) {
        if (family == AddressFamily.AF_INET6 && wire instanceof SockAddr.In in) {
            return new SockAddr.In6(mapped(in.address()), in.port());
        }
        return wire;
    }

    /** The IPv4 address a v4-mapped IPv6 address stands for; any other address as it is. */
    static InetAddress unmapped(InetAddress ip) {
        if (ip instanceof Inet6Address v6 && isV4Mapped(v6)) {
            byte[] b = v6.getAddress();
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four raw bytes are always an IPv4 address", e);
            }
        }
        return ip;
    }

    /** {@code ::ffff:a.b.c.d} for an IPv4 address. */
    static Inet6Address mapped(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 raw bytes are always an IPv6 address", e);
        }
    }

    /** Whether {@code v6} is an IPv4-mapped address ({@code ::ffff:0:0/96}). */
    static boolean isV4Mapped(Inet6Address v6) {
        byte[] b = v6.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** The wildcard address of a wire family: 0.0.0.0 for IPv4, :: for IPv6. */
    static InetAddress any(InetAddress like) {
        return like instanceof Inet4Address ? ANY4 : ANY6;
    }

    /** The loopback address of a wire family: 127.0.0.1 for IPv4, ::1 for IPv6. */
    static InetAddress loopback(InetAddress like) {
        return like instanceof Inet4Address ? LOOPBACK4 : LOOPBACK6;
    }
}
