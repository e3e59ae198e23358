package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;

import java.net.InetAddress;

/**
 * What TCP and UDP sockets share: bind() with Linux's checks in Linux's order ({@code inet_bind()},
 * {@code inet6_bind()}), the implicit bind (S-01), and the rules by which two sockets may hold one port.
 */
final class Binding {
    private final Network net;

    Binding(Network net) {
        this.net = net;
    }

    /** bind(): the address checks, then the port, from the ephemeral range when it is 0. */
    void bind(Call c, InetSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        InetAddress ip;
        int port;
        if (s.family == AddressFamily.AF_INET) {
            if (addrlen < Addresses.SOCKADDR_IN_SIZE) {
                throw c.fail(Errno.EINVAL);
            }
            switch (addr) {
                case SockAddr.In in -> {
                    ip = in.address();
                    port = in.port();
                }
                // Linux takes AF_UNSPEC with INADDR_ANY as AF_INET, for old programs (inet_bind_conflict note).
                case SockAddr.Unspec ignored -> {
                    ip = Addresses.ANY4;
                    port = 0;
                }
                case SockAddr.In6 ignored -> throw c.fail(Errno.EAFNOSUPPORT);
                case SockAddr.Un ignored -> throw c.fail(Errno.EAFNOSUPPORT);
            }
        } else {
            if (addrlen < Addresses.SOCKADDR_IN6_MIN_SIZE) {
                throw c.fail(Errno.EINVAL);
            }
            if (!(addr instanceof SockAddr.In6 in6)) {
                throw c.fail(Errno.EAFNOSUPPORT);
            }
            if (in6.address() instanceof java.net.Inet6Address v6 && Addresses.isV4Mapped(v6) && s.v6only()) {
                throw c.fail(Errno.EINVAL); // a v4-mapped address on an IPv6-only socket
            }
            ip = Addresses.unmapped(in6.address());
            port = in6.port();
        }
        Host host = s.host;
        if (!ip.isAnyLocalAddress() && !host.owns(ip)) {
            throw c.fail(Errno.EADDRNOTAVAIL);
        }
        if (s.hashed() || !s.idle()) {
            throw c.fail(Errno.EINVAL); // bound already, or connected
        }
        PortTable ports = host.ports(s.stream());
        boolean chosen = port != 0;
        if (!chosen) {
            port = ports.freePort(net.ephemeralLow(), net.ephemeralHigh());
        } else if (conflicts(s, ip, port)) {
            port = -1;
        }
        if (port < 0) {
            // Linux has set the address already, and sets it back to the wildcard (inet_reset_saddr())
            s.localAddress(s.wildcard());
            throw c.fail(Errno.EADDRINUSE);
        }
        ports.take(s, ip, port, !ip.isAnyLocalAddress(), chosen, false);
        if (ip instanceof java.net.Inet6Address && !ip.isAnyLocalAddress()) {
            s.setOption(SocketOption.IPV6_V6ONLY, 1); // __inet6_bind(): a socket bound to an IPv6 address is IPv6-only
        }
    }

    /**
     * The implicit bind of an unbound socket ({@code inet_autobind()}): a free ephemeral port at the address it
     * has. Returns false when every port of the range is taken.
     */
    boolean autobind(InetSocket s) {
        PortTable ports = s.host.ports(s.stream());
        int port = ports.freePort(net.ephemeralLow(), net.ephemeralHigh());
        if (port < 0) {
            return false;
        }
        ports.take(s, s.localIp(), port, s.addressLocked(), false, false);
        return true;
    }

    /**
     * Whether {@code s} may not hold {@code port} at {@code ip}: another holder's address overlaps, and they do
     * not both allow reuse (SO_REUSEADDR on both, the other not listening: {@code inet_csk_bind_conflict()}).
     */
    boolean conflicts(InetSocket s, InetAddress ip, int port) {
        for (InetSocket other : s.host.ports(s.stream()).holders(port)) {
            if (other == s || !other.overlaps(ip, s.v6only())) {
                continue;
            }
            boolean shared = s.flag(SocketOption.SO_REUSEADDR) && other.flag(SocketOption.SO_REUSEADDR)
                    && !other.listening();
            if (!shared) {
                return true;
            }
        }
        return false;
    }
}
