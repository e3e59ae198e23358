package dev.connectkit.internal.nio;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.i18n.Language;
import dev.connectkit.posix.Capability;
import dev.connectkit.posix.ConnectErrors;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** The kit's socket addresses as Java's, and back: {@code sockaddr_in} is an {@link InetSocketAddress}, and so on. */
final class Addresses {
    private Addresses() {
    }

    /** The longest AF_UNIX path, in bytes, that Java's UnixDomainSocketAddress can bind or connect to. */
    static final int JAVA_MAX_UNIX_PATH = 106;

    static SocketAddress toJava(SockAddr addr) {
        if (addr instanceof SockAddr.Un un
                && un.path().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > JAVA_MAX_UNIX_PATH) {
            throw new UnsupportedCapabilityException("nio", Capability.LONG_UNIX_PATHS,
                    ConnectErrors.reason(ConnectErrors.Backend.NIO, Capability.LONG_UNIX_PATHS, Language.EN));
        }
        return switch (addr) {
            case SockAddr.In in -> new InetSocketAddress(in.address(), in.port());
            case SockAddr.In6 in6 -> new InetSocketAddress(in6.address(), in6.port());
            case SockAddr.Un un -> UnixDomainSocketAddress.of(un.path());
            case SockAddr.Unspec ignored -> throw new IllegalArgumentException("AF_UNSPEC has no Java address");
        };
    }

    /**
     * {@code address} as a socket of {@code family} names it: Java shows the IPv4 peer of a dual-stack AF_INET6
     * socket as an IPv4 address, where Linux gives the v4-mapped IPv6 address ({@code ::ffff:127.0.0.1}).
     */
    static SockAddr fromJava(SocketAddress address, AddressFamily family) {
        SockAddr kit = fromJava(address);
        if (family == AddressFamily.AF_INET6 && kit instanceof SockAddr.In in) {
            return SockAddr.inet6("::ffff:" + in.address().getHostAddress(), in.port());
        }
        return kit;
    }

    /** A destination given as the wildcard: Linux connects to the local host, which is what it then names. */
    static SockAddr loopbackIfAny(SockAddr address) {
        return switch (address) {
            case SockAddr.In in when in.address().isAnyLocalAddress() -> SockAddr.loopback(in.port());
            case SockAddr.In6 in6 when in6.address().isAnyLocalAddress() -> SockAddr.loopback6(in6.port());
            case SockAddr.In6 in6 when in6.address().getHostAddress().equals("0:0:0:0:0:ffff:0:0") ->
                    SockAddr.inet6("::ffff:127.0.0.1", in6.port());
            default -> address;
        };
    }

    static SockAddr fromJava(SocketAddress address) {
        return switch (address) {
            case InetSocketAddress isa when isa.getAddress() instanceof Inet4Address v4 ->
                    new SockAddr.In(v4, isa.getPort());
            case InetSocketAddress isa when isa.getAddress() instanceof Inet6Address v6 ->
                    new SockAddr.In6(v6, isa.getPort());
            case UnixDomainSocketAddress uds -> new SockAddr.Un(uds.getPath().toString());
            default -> throw new IllegalStateException("Java returned an address the kit cannot show: " + address);
        };
    }

    /** What getsockname() shows for a socket that is not bound: the wildcard and port 0, or the unnamed path. */
    static SockAddr unbound(AddressFamily family) {
        return switch (family) {
            case AF_INET -> SockAddr.inet("0.0.0.0", 0);
            case AF_INET6 -> SockAddr.inet6("::", 0);
            case AF_UNIX, AF_UNSPEC -> SockAddr.unix("");
        };
    }

    /** {@code address} with port 0: an explicit bind whose port was chosen by the kernel keeps only its address. */
    static SockAddr withoutPort(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> new SockAddr.In(in.address(), 0);
            case SockAddr.In6 in6 -> new SockAddr.In6(in6.address(), 0);
            default -> address;
        };
    }

    static int port(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> in.port();
            case SockAddr.In6 in6 -> in6.port();
            default -> 0;
        };
    }
}
