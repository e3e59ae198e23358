package dev.connectkit.posix;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A socket address ({@code struct sockaddr}): what connect()'s {@code serv_addr} points to, as a typed value.
 *
 * <p>Each permitted record mirrors one C structure; the backend encodes it with the right family and length,
 * so no raw pointer or length ever crosses the API (except through the explicit addrlen overload of
 * {@link Sockets#connect(int, SockAddr, int)}, which exists to show the kernel's EINVAL).
 */
public sealed interface SockAddr permits SockAddr.In, SockAddr.In6, SockAddr.Un, SockAddr.Unspec {

    /** The family this address carries in {@code sa_family}. */
    AddressFamily family();

    /**
     * {@code struct sockaddr_in}: an IPv4 address and port.
     * <pre>{@code struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; }}</pre>
     */
    record In(Inet4Address address, int port) implements SockAddr {
        public In {
            requireAddress(address);
            requirePort(port);
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.AF_INET;
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    /**
     * {@code struct sockaddr_in6}: an IPv6 address and port (flow info and scope id 0).
     * <pre>{@code struct sockaddr_in6 { sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo;
     *                      struct in6_addr sin6_addr; uint32_t sin6_scope_id; }}</pre>
     */
    record In6(Inet6Address address, int port) implements SockAddr {
        public In6 {
            requireAddress(address);
            requirePort(port);
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.AF_INET6;
        }

        @Override
        public String toString() {
            return "[" + compressed(address) + "]:" + port;
        }

        /** RFC 5952 text: the longest run of two or more zero groups becomes {@code ::}. */
        private static String compressed(Inet6Address address) {
            String[] groups = address.getHostAddress().split("%")[0].split(":");
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < groups.length; ) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j == i ? i + 1 : j;
            }
            if (bestStart < 0) {
                return String.join(":", groups);
            }
            String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
            String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
            return head + "::" + tail;
        }
    }

    /**
     * {@code struct sockaddr_un}: a path in the file system; the empty path is an unnamed socket.
     * <pre>{@code struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }}</pre>
     */
    record Un(String path) implements SockAddr {
        /** The size of {@code sun_path}: the longest path, in bytes of UTF-8 (Linux needs no final NUL then). */
        public static final int MAX_PATH_BYTES = 108;

        public Un {
            if (path == null) {
                throw new IllegalArgumentException("an AF_UNIX path must not be null (the unnamed address is \"\")");
            }
            if (path.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an AF_UNIX path cannot contain a NUL character");
            }
            int bytes = path.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PATH_BYTES) {
                throw new IllegalArgumentException("an AF_UNIX path has at most " + MAX_PATH_BYTES
                        + " bytes (sun_path), this one has " + bytes);
            }
        }

        /** Whether this is an unnamed socket: what getsockname() gives a client that was never bound (S-02). */
        public boolean unnamed() {
            return path.isEmpty();
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.AF_UNIX;
        }

        @Override
        public String toString() {
            return unnamed() ? "unix:(unnamed)" : "unix:" + path;
        }
    }

    /** The null address: {@code sa_family = AF_UNSPEC}; connecting a datagram socket to it resets the peer (S-06). */
    record Unspec() implements SockAddr {
        @Override
        public AddressFamily family() {
            return AddressFamily.AF_UNSPEC;
        }

        @Override
        public String toString() {
            return "AF_UNSPEC";
        }
    }

    /** An IPv4 address and port from a dotted-quad literal ({@code 127.0.0.1}); never a DNS lookup. */
    static In inet(String literal, int port) {
        // Strictly four decimal parts: Java would also take the legacy forms "1.2.3" and "1.2", which surprise.
        if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal);
        }
        Inet4Address address;
        try {
            address = Inet4Address.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal, e);
        }
        return new In(address, port);
    }

    /** An IPv6 address and port from a literal such as {@code ::1}; never a DNS lookup. */
    static In6 inet6(String literal, int port) {
        InetAddress parsed;
        try {
            parsed = Inet6Address.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + literal, e);
        }
        if (parsed instanceof Inet6Address v6) {
            return new In6(v6, port);
        }
        // An IPv4-mapped literal (::ffff:127.0.0.1) parses as IPv4; keep it as the IPv6 address it was written as.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
        try {
            return new In6(Inet6Address.getByAddress(null, mapped, -1), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("16 raw bytes are always an IPv6 address", e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    static In loopback(int port) {
        return inet("127.0.0.1", port);
    }

    /** {@code [::1]:port}. */
    static In6 loopback6(int port) {
        return inet6("::1", port);
    }

    /** The null address, AF_UNSPEC. */
    static Unspec unspec() {
        return new Unspec();
    }

    /** An AF_UNIX path. */
    static Un unix(String path) {
        return new Un(path);
    }

    /**
     * Parses a host given as an IP literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}) or {@code localhost},
     * and a port. It never asks a resolver: anything else is rejected with a one-line reason.
     *
     * @throws IllegalArgumentException if the host is not a literal address or the port is out of range
     */
    static SockAddr parse(String host, int port) {
        requirePort(port);
        String h = host.strip();
        if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
            return loopback(port);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            return inet6(h.substring(1, h.length() - 1), port);
        }
        if (h.indexOf(':') >= 0) {
            return inet6(h, port);
        }
        if (!h.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not an IP address: " + host
                    + " (connectkit never looks names up; use a literal such as 127.0.0.1 or ::1)");
        }
        return inet(h, port);
    }

    private static void requireAddress(InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("the IP address must not be null (the wildcard is 0.0.0.0 or ::)");
        }
    }

    private static void requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }
}
