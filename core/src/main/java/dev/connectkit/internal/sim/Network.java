package dev.connectkit.internal.sim;

import dev.connectkit.posix.SockAddr;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.TraceEvent;
import dev.connectkit.sim.VirtualClock;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated network: it puts the parts together and holds the settings. Time and waiting are the
 * {@link Scheduler}'s, the topology the {@link Routing}'s, faults the {@link Faults}'; each protocol
 * ({@link Tcp}, {@link Udp}, {@link Unix}) carries out its calls, and a {@link SimulatedSockets} is one process.
 */
public final class Network {
    /** Linux's default net.ipv4.ip_local_port_range. */
    public static final int EPHEMERAL_LOW = 32768;
    public static final int EPHEMERAL_HIGH = 60999;

    final Scheduler scheduler = new Scheduler();
    final Routing routing = new Routing();
    final Faults faults = new Faults();
    final Tcp tcp = new Tcp(this);
    final Udp udp = new Udp(this);
    final Unix unix = new Unix(this);

    private final List<SimulatedSockets> processes = new ArrayList<>();
    private int ephemeralLow = EPHEMERAL_LOW;
    private int ephemeralHigh = EPHEMERAL_HIGH;
    private long latencyNanos = Duration.ofMillis(10).toNanos();
    private int nextSocketId = 1;
    private long nextConnection = 1;

    public Network() {
    }

    // ---- configuration (through dev.connectkit.sim.SimNetwork) ----

    public void addHost(String name, List<InetAddress> addresses) {
        scheduler.locked(() -> routing.add(name, addresses));
    }

    public void addAddresses(String hostName, List<InetAddress> addresses) {
        scheduler.locked(() -> {
            routing.host(hostName).addAddresses(addresses);
            return null;
        });
    }

    public void fault(SockAddr destination, Fault fault) {
        scheduler.locked(() -> {
            faults.set(destination, fault);
            return null;
        });
    }

    public void interfaceDown(String hostName, boolean down) {
        scheduler.locked(() -> {
            routing.host(hostName).interfaceDown(down);
            return null;
        });
    }

    public void ephemeralPorts(int low, int high) {
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("not a port range: " + low + "-" + high);
        }
        scheduler.locked(() -> {
            ephemeralLow = low;
            ephemeralHigh = high;
            return null;
        });
    }

    public void latency(Duration oneWay) {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + oneWay);
        }
        scheduler.locked(() -> {
            latencyNanos = oneWay.toNanos();
            return null;
        });
    }

    /** Creates a directory in a host's file system, where AF_UNIX sockets may be bound. */
    public void directory(String hostName, String path) {
        scheduler.locked(() -> {
            routing.host(hostName).files.directory(path);
            return null;
        });
    }

    /** Creates an empty regular file in a host's file system: an AF_UNIX connect() to it is refused. */
    public void file(String hostName, String path) {
        scheduler.locked(() -> {
            routing.host(hostName).files.file(path);
            return null;
        });
    }

    /** A new process on the named host. */
    public SimulatedSockets open(String hostName) {
        return scheduler.locked(() -> {
            SimulatedSockets process = new SimulatedSockets(this, routing.host(hostName));
            processes.add(process);
            return process;
        });
    }

    public VirtualClock clock() {
        return scheduler.clock();
    }

    // ---- the trace ----

    public List<TraceEvent> trace() {
        return scheduler.locked(() -> scheduler.trace().events());
    }

    public void traceTo(Consumer<? super TraceEvent> sink) {
        scheduler.locked(() -> {
            scheduler.trace().addSink(sink);
            return null;
        });
    }

    public void traceLimit(int steps) {
        scheduler.locked(() -> {
            scheduler.trace().limit(steps);
            return null;
        });
    }

    public long traceDiscarded() {
        return scheduler.locked(() -> scheduler.trace().discarded());
    }

    void record(Host host, TraceEvent.Kind kind, Supplier<String> text) {
        scheduler.trace().record(host.name(), kind, text);
    }

    /** Every socket still open in any process, as {@code host:sockN (fd N)}. */
    public List<String> openSockets() {
        return scheduler.locked(() -> {
            List<String> open = new ArrayList<>();
            for (SimulatedSockets p : processes) {
                open.addAll(p.describeOpen());
            }
            return open;
        });
    }

    /** Sends SIGALRM to one of this network's processes at virtual instant {@code at}, whatever its alarm. */
    public void signal(SimulatedSockets process, Duration at) {
        scheduler.locked(() -> {
            if (!processes.contains(process)) {
                throw new IllegalArgumentException("not a process of this simulated network");
            }
            if (at.toNanos() < scheduler.now()) {
                throw new IllegalArgumentException("virtual time is already " + clock().elapsed() + ", past " + at);
            }
            scheduler.signal(process, at.toNanos(), process.host().name());
            return null;
        });
    }

    /** Runs every event up to {@code now + duration}: what happens on the network while nobody calls anything. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time cannot go back: " + duration);
        }
        scheduler.advance(duration);
    }

    public int ephemeralLow() {
        return ephemeralLow;
    }

    public int ephemeralHigh() {
        return ephemeralHigh;
    }

    // ---- for the protocols ----

    int newSocketId() {
        return nextSocketId++;
    }

    long newConnection() {
        return nextConnection++;
    }

    /** How long a segment takes from one host to another: nothing on loopback, the link's latency otherwise. */
    long latency(Host from, Host to) {
        return from == to ? 0 : latencyNanos;
    }
}
