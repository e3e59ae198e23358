package dev.connectkit.internal.libc;

import dev.connectkit.posix.SockAddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Encodes {@link SockAddr} values into the kernel's C structures and decodes them back.
 *
 * <p>The family is in host order; ports and addresses are in network (big-endian) order. This is the Linux
 * layout: BSD systems put a one-byte {@code sin_len} before a one-byte family, which this codec does not do.
 */
final class Sockaddrs {
    private Sockaddrs() {
    }

    /** {@code struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr;
     * unsigned char sin_zero[8]; }} */
    static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            MemoryLayout.sequenceLayout(4, JAVA_BYTE).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero"));

    /** {@code struct sockaddr_in6 { sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo;
     * struct in6_addr sin6_addr; uint32_t sin6_scope_id; }} */
    static final StructLayout SOCKADDR_IN6 = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin6_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin6_port"),
            JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin6_flowinfo"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id"));

    /** {@code struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }} */
    static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"),
            MemoryLayout.sequenceLayout(LinuxAbi.SUN_PATH_SIZE, JAVA_BYTE).withName("sun_path"));

    /** {@code struct sockaddr { sa_family_t sa_family; char sa_data[14]; }}, used for the AF_UNSPEC null address. */
    static final StructLayout SOCKADDR = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sa_family"),
            MemoryLayout.sequenceLayout(14, JAVA_BYTE).withName("sa_data"));

    private static final long SIN_PORT = SOCKADDR_IN.byteOffset(groupElement("sin_port"));
    private static final long SIN_ADDR = SOCKADDR_IN.byteOffset(groupElement("sin_addr"));
    private static final long SIN6_PORT = SOCKADDR_IN6.byteOffset(groupElement("sin6_port"));
    private static final long SIN6_ADDR = SOCKADDR_IN6.byteOffset(groupElement("sin6_addr"));
    private static final long SUN_PATH = SOCKADDR_UN.byteOffset(groupElement("sun_path"));
    private static final ValueLayoutPort PORT = new ValueLayoutPort();

    /** The encoded address in a new segment of exactly the length the kernel expects for it. */
    static MemorySegment encode(Arena arena, SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> {
                MemorySegment s = arena.allocate(SOCKADDR_IN);
                s.set(JAVA_SHORT, 0, (short) LinuxAbi.AF_INET);
                PORT.set(s, SIN_PORT, in.port());
                MemorySegment.copy(in.address().getAddress(), 0, s, JAVA_BYTE, SIN_ADDR, 4);
                yield s;
            }
            case SockAddr.In6 in6 -> {
                MemorySegment s = arena.allocate(SOCKADDR_IN6);
                s.set(JAVA_SHORT, 0, (short) LinuxAbi.AF_INET6);
                PORT.set(s, SIN6_PORT, in6.port());
                MemorySegment.copy(in6.address().getAddress(), 0, s, JAVA_BYTE, SIN6_ADDR, 16);
                yield s;
            }
            case SockAddr.Un un -> {
                byte[] path = un.path().getBytes(StandardCharsets.UTF_8); // SockAddr.Un keeps it within sun_path
                MemorySegment s = arena.allocate(SOCKADDR_UN);
                s.set(JAVA_SHORT, 0, (short) LinuxAbi.AF_UNIX);
                MemorySegment.copy(path, 0, s, JAVA_BYTE, SUN_PATH, path.length);
                // The unnamed address is just the family; a shorter path is NUL-terminated, as portable code does;
                // a path of all 108 bytes fills sun_path with no NUL, which Linux accepts (unix(7)).
                long length = path.length == 0 ? SUN_PATH
                        : Math.min(SUN_PATH + path.length + 1, SOCKADDR_UN.byteSize());
                yield s.asSlice(0, length);
            }
            case SockAddr.Unspec ignored -> {
                MemorySegment s = arena.allocate(SOCKADDR);
                s.set(JAVA_SHORT, 0, (short) LinuxAbi.AF_UNSPEC);
                yield s;
            }
        };
    }

    /** A zeroed buffer big enough for any address ({@code struct sockaddr_storage}). */
    static MemorySegment storage(Arena arena) {
        return arena.allocate(LinuxAbi.SOCKADDR_STORAGE_SIZE, 8);
    }

    /** The address the kernel wrote into {@code storage}, {@code length} bytes long. */
    static SockAddr decode(MemorySegment storage, int length) {
        if (length < JAVA_SHORT.byteSize()) {
            return new SockAddr.Unspec();
        }
        int family = Short.toUnsignedInt(storage.get(JAVA_SHORT, 0));
        return switch (family) {
            case LinuxAbi.AF_INET -> new SockAddr.In(
                    (Inet4Address) address(storage.asSlice(SIN_ADDR, 4).toArray(JAVA_BYTE)),
                    PORT.get(storage, SIN_PORT));
            case LinuxAbi.AF_INET6 -> new SockAddr.In6(
                    address6(storage.asSlice(SIN6_ADDR, 16).toArray(JAVA_BYTE)), PORT.get(storage, SIN6_PORT));
            case LinuxAbi.AF_UNIX -> new SockAddr.Un(unixPath(storage, length));
            case LinuxAbi.AF_UNSPEC -> new SockAddr.Unspec();
            default -> throw new IllegalStateException("the kernel returned an address of unknown family " + family);
        };
    }

    private static String unixPath(MemorySegment storage, int length) {
        int pathLength = length - (int) SUN_PATH;
        if (pathLength <= 0) {
            return ""; // unnamed: the kernel returned only sun_family (unix(7))
        }
        byte[] bytes = storage.asSlice(SUN_PATH, pathLength).toArray(JAVA_BYTE);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        if (end == 0 && bytes.length > 1) {
            // An abstract name: a NUL followed by its bytes; shown with a leading '@' as ss(8) does.
            return "@" + new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * An IPv6 address from its 16 bytes, kept IPv6 even when it is v4-mapped ({@code ::ffff:127.0.0.1}), which
     * {@link InetAddress#getByAddress(byte[])} would turn into an {@link Inet4Address}.
     */
    private static Inet6Address address6(byte[] raw) {
        try {
            return Inet6Address.getByAddress(null, raw, -1); // raw bytes: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel returned an IPv6 address of length " + raw.length, e);
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // raw bytes: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel returned an address of length " + raw.length, e);
        }
    }

    /** A port: an unsigned 16-bit value in network byte order. */
    private static final class ValueLayoutPort {
        private static final java.lang.foreign.ValueLayout.OfShort BIG = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

        void set(MemorySegment s, long offset, int port) {
            s.set(BIG, offset, (short) port);
        }

        int get(MemorySegment s, long offset) {
            return Short.toUnsignedInt(s.get(BIG, offset));
        }
    }
}
