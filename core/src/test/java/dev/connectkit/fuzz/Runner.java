package dev.connectkit.fuzz;

import dev.connectkit.fuzz.Program.Address;
import dev.connectkit.fuzz.Program.Foreign;
import dev.connectkit.fuzz.Program.Op;
import dev.connectkit.fuzz.Program.Slot;
import dev.connectkit.fuzz.Program.Target;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;
import dev.connectkit.posix.UnsupportedCapabilityException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a {@link Program} on one backend and writes down what each call did, in a form two backends can be
 * compared by: {@code ok} and a normalized value, {@code -1 ERRNO}, {@code IAE} (the documented argument error),
 * {@code UCE CAPABILITY} (a refused capability), or {@code BUG} followed by anything else that escaped.
 */
final class Runner {
    /**
     * The kinds of outcome; only {@link #BUG} is never allowed. {@link #NOT_RUN}: a call whose outcome the machine's
     * own routes decide, which the Runner leaves out on every backend (see {@link #leavesByTheHostsRoutes}).
     */
    enum Kind { OK, ERRNO, IAE, UCE, NOT_RUN, BUG }

    /** One call's outcome. */
    record Outcome(Kind kind, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The abstract name {@code unix_autobind()} gives, {@code @} and five hexadecimal digits, ending a name. */
    private static final Pattern AUTOBIND = Pattern.compile("@[0-9a-f]{5}$");

    private final Sockets s;
    private final Sockets other;
    private final int[] ephemeral;
    private final Path dir;
    private final List<Integer> slots = new ArrayList<>();
    /** What each open descriptor of the program was made as: its family and type. */
    private final Map<Integer, Made> made = new HashMap<>();
    private int otherFd = -1;

    private record Made(AddressFamily family, SocketType type) {
    }

    /** A call the Runner leaves out on every backend, because the machine's own routes decide its outcome. */
    private static final class NotRun extends Exception {
        private static final long serialVersionUID = 1L;

        NotRun(String why) {
            super(why, null, false, false);
        }
    }

    private Runner(Sockets s, Sockets other, int[] ephemeral, Path dir) {
        this.s = s;
        this.other = other;
        this.ephemeral = ephemeral;
        this.dir = dir;
    }

    /** The outcomes of {@code program} on a fresh pair of instances of one backend. */
    static List<Outcome> run(Program program, Supplier<Sockets> backend, int[] ephemeral, Path dir) {
        try (Sockets s = backend.get(); Sockets other = backend.get()) {
            Runner runner = new Runner(s, other, ephemeral, dir);
            try {
                runner.otherFd = other.socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM);
            } catch (ErrnoException | RuntimeException e) {
                runner.otherFd = -1;
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Op op : program.ops()) {
                outcomes.add(runner.step(op));
            }
            return outcomes;
        }
    }

    @FunctionalInterface
    private interface Call {
        String run() throws Exception;
    }

    private Outcome step(Op op) {
        try {
            return new Outcome(Kind.OK, "ok " + call(op).run());
        } catch (NotRun e) {
            return new Outcome(Kind.NOT_RUN, "not run: " + e.getMessage());
        } catch (ErrnoException e) {
            return new Outcome(Kind.ERRNO, "-1 " + e.errno().name());
        } catch (UnsupportedCapabilityException e) {
            return new Outcome(Kind.UCE, "UCE " + e.capability());
        } catch (IllegalArgumentException e) {
            return e.getMessage() != null && !e.getMessage().contains("\n") ? new Outcome(Kind.IAE, "IAE")
                    : new Outcome(Kind.BUG, "BUG IllegalArgumentException without a one-line message");
        } catch (Throwable t) {
            return new Outcome(Kind.BUG, "BUG " + t.getClass().getName() + ": " + firstLine(t.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private Call call(Op op) {
        return switch (op) {
            case Program.Socket o -> () -> {
                int fd = s.socket(o.family(), o.type());
                s.setNonBlocking(fd, true); // nothing in a fuzzed program may block
                slots.add(fd);
                made.put(fd, new Made(o.family(), o.type()));
                return "fd";
            };
            case Program.Bind o -> () -> {
                s.bind(fd(o.fd()), address(o.address(), o.fd(), o.other()));
                return "";
            };
            case Program.Listen o -> () -> {
                s.listen(fd(o.fd()), o.backlog());
                return "";
            };
            case Program.Accept o -> () -> {
                int listener = fd(o.fd());
                int fd = s.accept(listener);
                s.setNonBlocking(fd, true);
                slots.add(fd);
                made.put(fd, made.get(listener));
                return "fd";
            };
            case Program.Connect o -> () -> {
                s.connect(fd(o.fd()), address(o.address(), o.fd(), o.other()));
                return "";
            };
            case Program.ConnectLen o -> () -> {
                s.connect(fd(o.fd()), address(o.address(), o.fd(), o.other()), o.addrlen());
                return "";
            };
            case Program.GetSockName o -> () -> shape(s.getsockname(fd(o.fd())));
            case Program.GetPeerName o -> () -> shape(s.getpeername(fd(o.fd())));
            case Program.GetSockOpt o -> () -> {
                int value = s.getsockopt(fd(o.fd()), o.option());
                return o.option() == SocketOption.SO_ERROR
                        ? Errno.forNumber(value).map(Errno::name).orElse(String.valueOf(value)) : String.valueOf(value);
            };
            case Program.SetSockOpt o -> () -> {
                s.setsockopt(fd(o.fd()), o.option(), o.value());
                return "";
            };
            case Program.Poll o -> () -> {
                if (o.nullList()) {
                    return String.valueOf(s.poll((List<PollFd>) null, 0));
                }
                List<PollFd> fds = new ArrayList<>();
                for (int i = 0; i < o.fds().size(); i++) {
                    fds.add(o.nullEntry() && i == 0 ? null : new PollFd(fd(o.fds().get(i)), o.events().get(i)));
                }
                List<Set<PollEvent>> revents = s.poll(fds, 0);
                return revents.toString();
            };
            case Program.Send o -> () -> String.valueOf(s.send(fd(o.fd()), data(o.length())));
            case Program.Recv o -> () -> String.valueOf(s.recv(fd(o.fd()), o.length() < 0 ? null : new byte[o.length()]));
            case Program.SendTo o -> () -> {
                int fd = fd(o.fd());
                if (o.address() == Address.UNSPEC && leavesByTheHostsRoutes(fd)) {
                    throw new NotRun("sendto(AF_UNSPEC) to an IPv4 peer goes by the machine's IPv6 routes");
                }
                return String.valueOf(s.sendto(fd, data(o.length()), address(o.address(), o.fd(), o.other())));
            };
            case Program.RecvFrom o -> () -> {
                Datagram d = s.recvfrom(fd(o.fd()), o.maxLength());
                return d.data().length + " from " + (d.from() == null ? "null" : shape(d.from()));
            };
            case Program.Shutdown o -> () -> {
                s.shutdown(fd(o.fd()), o.how());
                return "";
            };
            case Program.Close o -> () -> {
                s.close(fd(o.fd()));
                return "";
            };
            case Program.Alarm o -> () -> {
                s.alarm(switch (o.kind()) {
                    case 0 -> null;
                    case 1 -> Duration.ofMillis(-5);
                    default -> Duration.ZERO;
                });
                return "";
            };
        };
    }

    /**
     * Whether sendto(AF_UNSPEC) on {@code fd} may leave by the machine's own IPv6 routes. An AF_INET6 datagram
     * socket takes AF_UNSPEC as "no address" and sends to its peer through IPv6, even an IPv4 peer, v4-mapped: a
     * machine with an IPv6 default route sends that datagram off loopback, one without says ENETUNREACH (and the
     * simulated host has none). Only a socket with no peer (its name the wildcard) or an IPv6 peer is safe; the
     * questions asked here change nothing.
     */
    private boolean leavesByTheHostsRoutes(int fd) {
        Made m = made.get(fd);
        if (m == null || m.family() != AddressFamily.AF_INET6 || m.type() != SocketType.SOCK_DGRAM
                || !s.openDescriptors().contains(fd)) {
            return false;
        }
        try {
            return !(s.getpeername(fd) instanceof SockAddr.In6 peer) || v4Mapped(peer.address().getAddress());
        } catch (ErrnoException noPeer) {
            try {
                return !(s.getsockname(fd) instanceof SockAddr.In6 name) || !name.address().isAnyLocalAddress();
            } catch (ErrnoException e) {
                return true;
            }
        }
    }

    /** Whether 16 address bytes are {@code ::ffff:a.b.c.d}. */
    private static boolean v4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private int fd(Target target) {
        return switch (target) {
            case Slot slot -> slot.index() < slots.size() ? slots.get(slot.index()) : 1_000_000;
            case Foreign foreign -> switch (foreign.kind()) {
                case 0 -> -1;
                case 1 -> 1_000_000;
                default -> otherFd >= 0 && !s.openDescriptors().contains(otherFd) ? otherFd : 1_000_001;
            };
        };
    }

    private static byte[] data(int length) {
        return length < 0 ? null : new byte[length];
    }

    private SockAddr address(Address address, Target self, int other) throws ErrnoException {
        return switch (address) {
            case NULL -> null;
            case UNSPEC -> SockAddr.unspec();
            case V4_ANY_PORT_0 -> SockAddr.inet("0.0.0.0", 0);
            case V4_LOOPBACK_PORT_0 -> SockAddr.loopback(0);
            case V6_LOOPBACK_PORT_0 -> SockAddr.loopback6(0);
            case OWN_NAME -> nameOf(fd(self));
            case OTHER_SLOT_NAME -> nameOf(fd(new Slot(other)));
            case OTHER_SLOT_NAME_V4_MAPPED -> mapped(nameOf(fd(new Slot(other))));
            case BROADCAST -> SockAddr.inet("127.255.255.255", 9);
            case UNIX_PATH -> SockAddr.unix(dir.resolve("p" + other + ".sock").toString());
            case UNIX_UNNAMED -> SockAddr.unix("");
        };
    }

    /**
     * A descriptor's own name, or 127.0.0.1:0 when it has none to give. An autobound AF_UNIX socket's abstract
     * name ({@code @d6b91}) cannot be given back as an abstract name: as a path it is relative, and would name a
     * file in the JVM's working folder, so it is taken inside the program's own folder.
     */
    private SockAddr nameOf(int fd) {
        try {
            SockAddr name = s.getsockname(fd);
            if (name instanceof SockAddr.Un un && !un.unnamed() && !un.path().startsWith("/")) {
                return SockAddr.unix(dir.resolve(un.path()).toString());
            }
            return name;
        } catch (ErrnoException | RuntimeException e) {
            return SockAddr.loopback(0);
        }
    }

    private static SockAddr mapped(SockAddr address) {
        if (address instanceof SockAddr.In in) {
            return SockAddr.inet6("::ffff:" + in.address().getHostAddress(), in.port());
        }
        return address;
    }

    /** An address with its port reduced to a class and the program's folder to a name, as backends may differ there. */
    private String shape(SockAddr address) {
        return switch (address) {
            case SockAddr.In in -> "AF_INET " + in.address().getHostAddress() + ":" + portClass(in.port());
            case SockAddr.In6 in6 -> "AF_INET6 [" + in6.address().getHostAddress() + "]:" + portClass(in6.port());
            // an autobound socket's abstract name is five random hex digits on Linux: only its form is compared
            case SockAddr.Un un -> "AF_UNIX "
                    + AUTOBIND.matcher(un.path().replace(dir.toString(), "$DIR")).replaceFirst("@autobind");
            case SockAddr.Unspec ignored -> "AF_UNSPEC";
        };
    }

    private String portClass(int port) {
        if (port == 0) {
            return "0";
        }
        return port >= ephemeral[0] && port <= ephemeral[1] ? "ephemeral" : "fixed";
    }

    @Override
    public String toString() {
        return "Runner" + Arrays.toString(slots.toArray());
    }
}
