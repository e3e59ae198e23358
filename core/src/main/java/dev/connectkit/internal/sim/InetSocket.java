package dev.connectkit.internal.sim;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.net.InetAddress;

/**
 * An AF_INET or AF_INET6 socket: its local address ({@code inet_rcv_saddr}, {@code inet_sport}), whether it
 * holds its port ({@code inet_num}), and which parts bind() fixed ({@code SOCK_BINDADDR_LOCK},
 * {@code SOCK_BINDPORT_LOCK}). Addresses are kept as the wire carries them (see {@link Addresses}).
 *
 * <p>Only {@link PortTable} takes and gives back a port; the protocols change the address a route chose.
 */
abstract sealed class InetSocket extends SimSocket permits TcpSocket, UdpSocket {
    private SockAddr local;
    private boolean hashed;
    private boolean addressLocked;
    private boolean portLocked;
    private boolean viaConnect;

    InetSocket(int id, Host host, AddressFamily family, SocketType type) {
        super(id, host, family, type);
    }

    /** The local address getsockname() shows, as the wire carries it: the wildcard and port 0 before any bind. */
    final SockAddr local() {
        return local != null ? local : Addresses.wire(wildcard(), 0);
    }

    final InetAddress localIp() {
        return Addresses.ip(local());
    }

    final int localPort() {
        return Addresses.port(local());
    }

    /** This socket's wildcard address: 0.0.0.0, or :: for AF_INET6. */
    final InetAddress wildcard() {
        return family == AddressFamily.AF_INET6 ? Addresses.ANY6 : Addresses.ANY4;
    }

    /** Whether it holds a port in its host's table ({@code inet_num != 0}). */
    final boolean hashed() {
        return hashed;
    }

    final boolean addressLocked() {
        return addressLocked;
    }

    final boolean portLocked() {
        return portLocked;
    }

    /** Whether its port was chosen by connect(), so that other connections to other peers may share it. */
    final boolean viaConnect() {
        return viaConnect;
    }

    /** An AF_INET6 socket with IPV6_V6ONLY: it never talks IPv4. */
    final boolean v6only() {
        return family == AddressFamily.AF_INET6 && flag(SocketOption.IPV6_V6ONLY);
    }

    /** Called by {@link PortTable} when the socket takes {@code port} at {@code address}. */
    final void hashedAt(InetAddress address, int port, boolean byBindAddress, boolean byBindPort, boolean byConnect) {
        local = Addresses.wire(address, port);
        hashed = true;
        addressLocked = byBindAddress;
        portLocked = byBindPort;
        viaConnect = byConnect;
    }

    /** Called by {@link PortTable} when the socket gives its port back; getsockname() still shows it (Linux). */
    final void unhashed() {
        hashed = false;
    }

    /** The source address a route chose, filled in when bind() left it to the kernel. */
    final void localAddress(InetAddress address) {
        local = Addresses.wire(address, localPort());
    }

    /** Forgets the port too: getsockname() shows port 0 (a UDP disconnect clears {@code inet_sport}). */
    final void forgetPort() {
        local = Addresses.wire(localIp(), 0);
    }

    /** Whether it is in TCP_CLOSE, as bind() requires: not listening, connecting or connected. */
    abstract boolean idle();

    /** Whether it is a listening TCP socket: a port it holds is shared with nobody. */
    abstract boolean listening();

    /** Whether {@code address} overlaps this socket's bound address for bind() conflicts (both wire addresses). */
    final boolean overlaps(InetAddress address, boolean otherV6only) {
        InetAddress mine = localIp();
        boolean mineV4 = mine instanceof java.net.Inet4Address;
        boolean theirsV4 = address instanceof java.net.Inet4Address;
        if (mineV4 == theirsV4) {
            return mine.equals(address) || mine.isAnyLocalAddress() || address.isAnyLocalAddress();
        }
        // IPv4 against IPv6: only an IPv6 wildcard that also takes IPv4 (no IPV6_V6ONLY) overlaps.
        return mineV4 ? address.isAnyLocalAddress() && !otherV6only : mine.isAnyLocalAddress() && !v6only();
    }
}
