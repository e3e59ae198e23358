package dev.connectkit.sim;

import dev.connectkit.internal.Syscalls;
import dev.connectkit.internal.sim.Network;
import dev.connectkit.internal.sim.SimulatedSockets;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A deterministic simulated network: the second backend of the kit's {@link Sockets} API.
 *
 * <p>It starts with one host, {@code local}, which owns the loopback addresses. More hosts take addresses from
 * the documentation ranges only (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), so nothing
 * suggests a real machine; the simulation sends nothing anywhere. Time is virtual: a blocking call moves the
 * clock to the next event, so two minutes of SYN retransmits take a few milliseconds of wall time, and the same
 * program gives the same {@link #trace()} every run.
 *
 * <p>Several threads may use the simulation, as they would use the kernel: a call that blocks lets the other
 * threads' calls run, and the clock moves only when every thread that takes part is blocked (waiting in a
 * simulated call, or parked outside the simulation, in {@code join()} or on a lock). A thread takes part from its
 * first call, or from its creation when a thread that takes part creates it. When every thread waits and nothing
 * is scheduled that could wake one, the waiting call throws {@link DeadlockException} instead of hanging; a
 * thread interrupted while it waits gets {@link java.util.concurrent.CancellationException}.
 *
 * <pre>{@code
 * SimNetwork net = SimNetwork.create().host("server", "198.51.100.20");
 * net.fault(SockAddr.inet("198.51.100.20", 80), Fault.Drop.always());
 * try (Sockets s = net.open()) {
 *     int fd = s.socket(AF_INET, SOCK_STREAM);
 *     s.connect(fd, SockAddr.inet("198.51.100.20", 80));   // ETIMEDOUT after 127 virtual seconds
 * }
 * }</pre>
 */
public final class SimNetwork {
    private final Network network = new Network();
    /** The process behind each {@link Sockets} this network opened, for {@link #signal}. */
    private final Map<Sockets, SimulatedSockets> processes = Collections.synchronizedMap(new IdentityHashMap<>());

    private SimNetwork() {
    }

    /** A network with one host, {@code local}, that owns 127.0.0.0/8 and ::1. */
    public static SimNetwork create() {
        return new SimNetwork();
    }

    /**
     * Adds a host with the given addresses, which must lie in the documentation ranges. Hosts reach each other
     * across one router with a one-way latency of 10 ms (see {@link #latency(Duration)}).
     */
    public SimNetwork host(String name, String... addresses) {
        network.addHost(name, documentationAddresses(addresses));
        return this;
    }

    /** Gives the {@code local} host addresses from the documentation ranges too. */
    public SimNetwork localAddresses(String... addresses) {
        network.addAddresses("local", documentationAddresses(addresses));
        return this;
    }

    /** What happens to connection attempts to {@code destination}; port 0 means every port of that address. */
    public SimNetwork fault(SockAddr destination, Fault fault) {
        network.fault(destination, fault);
        return this;
    }

    /** Takes a host's network interface down: its connect() calls off loopback fail with ENETDOWN. */
    public SimNetwork interfaceDown(String host) {
        network.interfaceDown(host, true);
        return this;
    }

    /** The ephemeral port range (Linux's default is 32768-60999); a small one makes EADDRNOTAVAIL easy to see. */
    public SimNetwork ephemeralPorts(int low, int high) {
        network.ephemeralPorts(low, high);
        return this;
    }

    /** The one-way latency between two different hosts (loopback takes no time). */
    public SimNetwork latency(Duration oneWay) {
        network.latency(oneWay);
        return this;
    }

    /**
     * Creates a directory in the {@code local} host's file system. Directories exist wherever an AF_UNIX path
     * needs one; create one to see what connect() says to a name that is not a socket (ECONNREFUSED).
     *
     * @throws IllegalArgumentException if something exists at {@code path} already, or a component of it is a file
     */
    public SimNetwork directory(String path) {
        network.directory("local", path);
        return this;
    }

    /**
     * Creates an empty regular file in the {@code local} host's file system: connect() to it is refused, and a
     * path below it gives ENOTDIR.
     *
     * @throws IllegalArgumentException if something exists at {@code path} already, or a component of it is a file
     */
    public SimNetwork file(String path) {
        network.file("local", path);
        return this;
    }

    /** A new process on the {@code local} host: a {@link Sockets} whose calls run on this network. */
    public Sockets open() {
        return open("local");
    }

    /** A new process on the named host. */
    public Sockets open(String host) {
        SimulatedSockets process = network.open(host);
        Sockets front = new Syscalls(process);
        processes.put(front, process);
        return front;
    }

    /** The virtual clock. */
    public VirtualClock clock() {
        return network.clock();
    }

    /** Virtual time since the simulation started. */
    public Duration now() {
        return network.clock().elapsed();
    }

    /** Lets {@code duration} of virtual time pass: segments travel, timers fire, signals arrive. */
    public void advance(Duration duration) {
        network.advance(duration);
    }

    /**
     * Sends SIGALRM to {@code process} when the virtual clock reaches {@code at}, as {@code kill(2)} from another
     * process would, whatever alarm it has set: a blocking call it is in at that instant fails with EINTR (S-10).
     * With {@link Sockets#alarm(Duration)} this gives one wait two signals, to show whether a program restarts
     * an interrupted {@code poll()}.
     *
     * @throws IllegalArgumentException if {@code process} was not opened on this network, or {@code at} is past
     */
    public SimNetwork signal(Sockets process, Duration at) {
        SimulatedSockets simulated = processes.get(process);
        if (simulated == null && process instanceof Syscalls front) {
            // Another front on one of this network's processes, such as a traced one (Tracer.trace): the same process.
            synchronized (processes) {
                simulated = processes.entrySet().stream().filter(e -> ((Syscalls) e.getKey()).sameBackendAs(front))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
        }
        if (simulated == null) {
            throw new IllegalArgumentException("not a process of this simulated network: " + process);
        }
        network.signal(simulated, at);
        return this;
    }

    /**
     * The steps kept so far, in order: all of them, unless there were more than the {@link #traceLimit(int)}
     * (10,000 unless set), in which case the latest ones.
     */
    public List<TraceEvent> trace() {
        return network.trace();
    }

    /**
     * Streams every later step to {@code sink} as it happens, whatever the limit on the kept trace. The sink runs
     * on the thread whose call or wait caused the step, in the simulation's order, while the simulation waits
     * for it: it must return quickly and must not call the simulation.
     */
    public SimNetwork traceTo(Consumer<? super TraceEvent> sink) {
        network.traceTo(sink);
        return this;
    }

    /**
     * Keeps at most {@code steps} of the latest steps for {@link #trace()} (0 keeps none), so a long simulation
     * runs in a fixed amount of memory; a sink from {@link #traceTo} still sees every step.
     *
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public SimNetwork traceLimit(int steps) {
        network.traceLimit(steps);
        return this;
    }

    /** The trace as a timeline, one step a line; a first line says how many earlier steps were not kept. */
    public String timeline() {
        String lines = network.trace().stream().map(TraceEvent::toString).collect(Collectors.joining("\n"));
        long discarded = network.traceDiscarded();
        return discarded == 0 ? lines : "(" + discarded + " earlier steps not kept)\n" + lines;
    }

    /** The sockets still open in any process on this network. */
    public List<String> openSockets() {
        return network.openSockets();
    }

    /**
     * Checks that every socket opened on this network has been closed.
     *
     * @throws AssertionError naming the sockets still open
     */
    public void assertNoOpenSockets() {
        List<String> open = openSockets();
        if (!open.isEmpty()) {
            throw new AssertionError("sockets still open on the simulated network: " + open);
        }
    }

    /** The ephemeral port range in force. */
    public int[] ephemeralPortRange() {
        return new int[] {network.ephemeralLow(), network.ephemeralHigh()};
    }

    private static List<InetAddress> documentationAddresses(String... literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            SockAddr parsed = SockAddr.parse(literal, 0);
            InetAddress ip = parsed instanceof SockAddr.In in ? in.address() : ((SockAddr.In6) parsed).address();
            if (!isDocumentationAddress(ip)) {
                throw new IllegalArgumentException(literal + " is not in a documentation range (192.0.2.0/24,"
                        + " 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32): simulated hosts never look real");
            }
            addresses.add(ip);
        }
        return addresses;
    }

    /** Whether {@code ip} lies in a range reserved for documentation (RFC 5737, RFC 3849). */
    static boolean isDocumentationAddress(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 4) {
            int a = b[0] & 0xff;
            int c = b[1] & 0xff;
            int d = b[2] & 0xff;
            return (a == 192 && c == 0 && d == 2) || (a == 198 && c == 51 && d == 100) || (a == 203 && c == 0 && d == 113);
        }
        return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    }
}
