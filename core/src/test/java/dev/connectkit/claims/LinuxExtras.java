package dev.connectkit.claims;

import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The few Linux calls these claims need and the kit's API does not offer: socket options outside
 * {@code SocketOption} (SO_PASSCRED, IP_LOCAL_PORT_RANGE) and a thread's capabilities. Test-only, on purpose:
 * the kit teaches connect(), not these. Descriptors are the native backend's, which are the kernel's own.
 */
@SuppressWarnings("restricted") // native access is enabled for the core module, which these tests are patched into
final class LinuxExtras {
    private LinuxExtras() {
    }

    /** {@code <asm-generic/socket.h>}: SOL_SOCKET, and SO_PASSCRED (autobind an AF_UNIX socket, unix(7)). */
    static final int SOL_SOCKET = 1;
    static final int SO_PASSCRED = 16;
    /** {@code <linux/in.h>}: IPPROTO_IP, and IP_LOCAL_PORT_RANGE (a per-socket ephemeral range, Linux 6.3, ip(7)). */
    static final int IPPROTO_IP = 0;
    static final int IP_LOCAL_PORT_RANGE = 51;
    /** {@code <linux/capability.h>}: CAP_DAC_OVERRIDE, and the header version with two 32-bit words per set. */
    static final int CAP_DAC_OVERRIDE = 1;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SETSOCKOPT = errnoSetting("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CAPGET = errnoSetting("capget", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = errnoSetting("capset", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private static MethodHandle errnoSetting(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    /** {@code setsockopt(fd, level, name, &value, 4)}: 0, or the errno as an exception. */
    static void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            int result = (int) SETSOCKOPT.invokeExact(errno, fd, level, name, v, (int) JAVA_INT.byteSize());
            check("setsockopt", result, errno);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setsockopt could not be called", t);
        }
    }

    /** IP_LOCAL_PORT_RANGE: the ports this socket's implicit bind may choose, {@code low} to {@code high}. */
    static void setLocalPortRange(int fd, int low, int high) throws ErrnoException {
        setsockopt(fd, IPPROTO_IP, IP_LOCAL_PORT_RANGE, (high << 16) | low); // the high port in the upper 16 bits
    }

    /** Whether the calling thread has {@code capability} in its effective set (capget(2), pid 0). */
    static boolean hasEffective(int capability) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = header(arena);
            MemorySegment data = arena.allocate(JAVA_INT, 6); // two {effective, permitted, inheritable}
            capget(arena, header, data);
            return (data.getAtIndex(JAVA_INT, capability / 32 * 3) & (1 << (capability % 32))) != 0;
        }
    }

    /**
     * Clears or sets {@code capability} in the calling thread's effective set only (capset(2) acts on one thread;
     * the permitted set keeps it, so it can be raised again). Other threads of the JVM are not affected.
     */
    static void setEffective(int capability, boolean on) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = header(arena);
            MemorySegment data = arena.allocate(JAVA_INT, 6);
            capget(arena, header, data);
            long index = capability / 32 * 3;
            int bit = 1 << (capability % 32);
            int effective = data.getAtIndex(JAVA_INT, index);
            data.setAtIndex(JAVA_INT, index, on ? effective | bit : effective & ~bit);
            MemorySegment errno = arena.allocate(CAPTURE);
            check("capset", (int) CAPSET.invokeExact(errno, header, data), errno);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("capset could not be called", t);
        }
    }

    private static MemorySegment header(Arena arena) {
        MemorySegment header = arena.allocate(JAVA_INT, 2); // struct __user_cap_header_struct { version; pid; }
        header.setAtIndex(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
        header.setAtIndex(JAVA_INT, 1, 0); // 0: the calling thread
        return header;
    }

    private static void capget(Arena arena, MemorySegment header, MemorySegment data) throws ErrnoException {
        try {
            MemorySegment errno = arena.allocate(CAPTURE);
            check("capget", (int) CAPGET.invokeExact(errno, header, data), errno);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("capget could not be called", t);
        }
    }

    private static void check(String call, int result, MemorySegment errno) throws ErrnoException {
        if (result == -1) {
            int number = (int) ERRNO.get(errno, 0L);
            throw new ErrnoException(call, Errno.forNumber(number).orElseThrow(
                    () -> new IllegalStateException(call + " failed with errno " + number + ", unknown to the kit")));
        }
    }
}
