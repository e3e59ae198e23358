package dev.connectkit.internal.sim;

import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.sim.Fault;
import dev.connectkit.sim.TraceEvent;
import dev.connectkit.sim.VirtualClock;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The simulated network: hosts, routes, the segments in flight, timers and faults, on a virtual clock.
 *
 * <p>Nothing here waits on wall time. Time moves only in {@link #waitUntil}, when a blocking call waits for the
 * next scheduled event, and in {@link #advance}. Segments between sockets of one host (loopback) take no time,
 * but still travel as events: a non-blocking connect() returns before the handshake, as on Linux, and the
 * handshake is done by the next system call. Linux's timing is modelled where the man page depends on it: the
 * SYN is retransmitted after 1, 3, 7, 15 … s, and TCP_SYNCNT retransmits (6 by default, about 127 s) end the
 * attempt with ETIMEDOUT.
 */
public final class Network {
    /** Linux's default net.ipv4.ip_local_port_range. */
    public static final int EPHEMERAL_LOW = 32768;
    public static final int EPHEMERAL_HIGH = 60999;
    /** Linux's default net.ipv4.tcp_syn_retries. */
    static final int DEFAULT_SYN_RETRIES = 6;
    /** The initial retransmission timeout for a SYN (RFC 6298, as Linux uses it). */
    static final long INITIAL_RTO_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long Linux waits for an ARP answer before reporting EHOSTUNREACH (3 probes, 1 s apart). */
    static final long ARP_TIMEOUT_NANOS = Duration.ofSeconds(3).toNanos();
    static final long FOREVER = Long.MAX_VALUE;

    private final VirtualClock clock = new VirtualClock();
    private final EventQueue events = new EventQueue();
    private final List<TraceEvent> trace = new ArrayList<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<SimulatedSockets> processes = new ArrayList<>();
    private final Map<String, Fault> faults = new HashMap<>();
    private final Map<String, Integer> dropsLeft = new HashMap<>();
    private int ephemeralLow = EPHEMERAL_LOW;
    private int ephemeralHigh = EPHEMERAL_HIGH;
    private long latencyNanos = Duration.ofMillis(10).toNanos();
    private int nextSocketId = 1;

    public Network() {
        hosts.put("local", new Host("local"));
    }

    // ---- configuration (through dev.connectkit.sim.SimNetwork) ----

    public synchronized void addHost(String name, List<InetAddress> addresses) {
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("there is already a host named " + name);
        }
        Host host = new Host(name);
        host.addresses.addAll(addresses);
        hosts.put(name, host);
    }

    public synchronized void addAddresses(String hostName, List<InetAddress> addresses) {
        host(hostName).addresses.addAll(addresses);
    }

    public synchronized void fault(SockAddr destination, Fault fault) {
        String key = faultKey(Host.ip(destination), Host.port(destination));
        faults.put(key, fault);
        if (fault instanceof Fault.Drop drop) {
            dropsLeft.put(key, drop.count());
        }
    }

    public synchronized void interfaceDown(String hostName, boolean down) {
        host(hostName).interfaceDown = down;
    }

    public synchronized void ephemeralPorts(int low, int high) {
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("not a port range: " + low + "-" + high);
        }
        ephemeralLow = low;
        ephemeralHigh = high;
        for (Host h : hosts.values()) {
            h.nextEphemeral = -1;
        }
    }

    public synchronized void latency(Duration oneWay) {
        latencyNanos = oneWay.toNanos();
    }

    public synchronized SimulatedSockets open(String hostName) {
        SimulatedSockets process = new SimulatedSockets(this, host(hostName));
        processes.add(process);
        return process;
    }

    public VirtualClock clock() {
        return clock;
    }

    public synchronized List<TraceEvent> trace() {
        return List.copyOf(trace);
    }

    /** Every socket still open in any process, as {@code host:sockN fd N}. */
    public synchronized List<String> openSockets() {
        List<String> open = new ArrayList<>();
        for (SimulatedSockets p : processes) {
            for (var entry : p.table().entrySet()) {
                open.add(entry.getValue().label() + " (fd " + entry.getKey() + ")");
            }
        }
        return open;
    }

    /** Runs every event up to {@code now + duration}: what happens on the network while nobody calls anything. */
    public synchronized void advance(Duration duration) {
        long target = Math.addExact(clock.nanos(), duration.toNanos());
        runDue();
        while (events.nextAt() <= target) {
            clock.advanceTo(events.nextAt());
            runDue();
        }
        clock.advanceTo(target);
    }

    // ---- time ----

    enum WaitResult { DONE, TIMEOUT, INTERRUPTED }

    /**
     * Blocks {@code process} until {@code done} holds, a signal arrives, or the virtual clock reaches
     * {@code deadline}, advancing the clock from event to event.
     *
     * @throws IllegalStateException when the wait could never end: nothing is scheduled and there is no deadline
     */
    WaitResult waitUntil(SimulatedSockets process, BooleanSupplier done, long deadline, String call) {
        process.blocked = true;
        try {
            while (true) {
                runDue();
                if (done.getAsBoolean()) {
                    return WaitResult.DONE;
                }
                if (process.signalPending) {
                    process.signalPending = false;
                    return WaitResult.INTERRUPTED;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // A test's timeout (or any caller) interrupted the thread: a simulated wait never outlives it.
                    throw new IllegalStateException("simulated " + call + " was interrupted at " + clock.elapsed());
                }
                long next = events.nextAt();
                if (next == Long.MAX_VALUE || next > deadline) {
                    if (deadline == FOREVER) {
                        throw new IllegalStateException("simulated " + call + " would block forever at "
                                + clock.elapsed() + ": nothing is scheduled on the network that could end the wait");
                    }
                    clock.advanceTo(deadline);
                    runDue();
                    return done.getAsBoolean() ? WaitResult.DONE : WaitResult.TIMEOUT;
                }
                clock.advanceTo(Math.max(next, clock.nanos()));
            }
        } finally {
            process.blocked = false;
        }
    }

    /** Runs the events due now: the network's work between two system calls. */
    void runDue() {
        while (events.runOneDue(clock.nanos())) {
            // each event runs in turn
        }
    }

    long deadlineAfter(int timeoutMillis) {
        return timeoutMillis < 0 ? FOREVER : clock.nanos() + Duration.ofMillis(timeoutMillis).toNanos();
    }

    void alarm(SimulatedSockets process, Duration delay, int generation) {
        events.at(clock.nanos() + delay.toNanos(), () -> {
            if (process.alarmGeneration == generation) { // otherwise cancelled or replaced
                deliverSignal(process);
            }
        });
    }

    /** Sends SIGALRM to one of this network's processes at virtual instant {@code at}, whatever its alarm. */
    public synchronized void signal(SimulatedSockets process, Duration at) {
        if (!processes.contains(process)) {
            throw new IllegalArgumentException("not a process of this simulated network");
        }
        if (at.toNanos() < clock.nanos()) {
            throw new IllegalArgumentException("virtual time is already " + clock.elapsed() + ", past " + at);
        }
        events.at(at.toNanos(), () -> deliverSignal(process));
    }

    private void deliverSignal(SimulatedSockets process) {
        if (process.blocked) {
            process.signalPending = true;
            record(process.host(), TraceEvent.Kind.SIGNAL, "SIGALRM interrupts the blocked call");
        } else {
            record(process.host(), TraceEvent.Kind.SIGNAL, "SIGALRM; no call was blocked");
        }
    }

    // ---- trace ----

    void record(Host host, TraceEvent.Kind kind, String text) {
        trace.add(new TraceEvent(clock.elapsed(), host.name(), kind, text));
    }

    void setState(SimSocket s, TcpState next) {
        if (s.tcp == next) {
            return;
        }
        if (!s.tcp.mayBecome(next)) {
            throw new IllegalStateException(s.label() + " cannot go from " + s.tcp + " to " + next);
        }
        record(s.owner.host(), TraceEvent.Kind.STATE, s.label() + " " + s.tcp + " -> " + next);
        s.tcp = next;
    }

    int newSocketId() {
        return nextSocketId++;
    }

    // ---- routing and addresses ----

    private Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no simulated host named " + name + "; hosts: " + hosts.keySet());
        }
        return host;
    }

    /** The host that answers for {@code address}, seen from {@code from}; null if none does. */
    Host hostFor(Host from, InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return from;
        }
        for (Host h : hosts.values()) {
            if (h.addresses.contains(address)) {
                return h;
            }
        }
        return null;
    }

    /** Why {@code from} cannot send to {@code destination} at all, or null if it can route there. */
    Errno routeError(Host from, InetAddress destination) {
        if (destination.isLoopbackAddress() || destination.isAnyLocalAddress()) {
            return null;
        }
        if (from.interfaceDown) {
            return Errno.ENETDOWN;
        }
        return onRoutedNetwork(destination) && sourceFor(from, destination) != null ? null : Errno.ENETUNREACH;
    }

    private boolean onRoutedNetwork(InetAddress destination) {
        for (Host h : hosts.values()) {
            for (InetAddress a : h.addresses) {
                if (samePrefix(a, destination)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The local address a socket of {@code from} uses to reach {@code destination} (the route's source). */
    InetAddress sourceFor(Host from, InetAddress destination) {
        if (destination.isLoopbackAddress() || destination.isAnyLocalAddress()) {
            return destination instanceof Inet6Address ? ipv6Loopback() : ipv4Loopback();
        }
        for (InetAddress a : from.addresses) {
            if (a.getClass() == destination.getClass()) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code address} is a broadcast address: 255.255.255.255, or the last address of a /8 or /24 in use. */
    boolean isBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        if (Arrays.equals(b, new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255})) {
            return true;
        }
        if (b[0] == 127) {
            return b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255;
        }
        return b[3] == (byte) 255 && onRoutedNetwork(address);
    }

    private static boolean samePrefix(InetAddress a, InetAddress b) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int prefixBytes = x.length == 4 ? 3 : 8; // a /24 or a /64
        return Arrays.equals(x, 0, prefixBytes, y, 0, prefixBytes);
    }

    private long latency(Host from, Host to, SockAddr destination) {
        long extra = faultFor(destination) instanceof Fault.Delay d ? d.extra().toNanos() : 0;
        return (to == from ? 0 : latencyNanos) + extra;
    }

    Fault faultFor(SockAddr destination) {
        if (!(destination instanceof SockAddr.In || destination instanceof SockAddr.In6)) {
            return null; // AF_UNIX traffic stays inside the host: no faults apply
        }
        InetAddress ip = Host.ip(destination);
        Fault specific = faults.get(faultKey(ip, Host.port(destination)));
        return specific != null ? specific : faults.get(faultKey(ip, 0));
    }

    private static String faultKey(InetAddress ip, int port) {
        return ip.getHostAddress() + "#" + port;
    }

    static InetAddress ipv4Loopback() {
        return SockAddr.loopback(0).address();
    }

    static InetAddress ipv6Loopback() {
        return SockAddr.loopback6(0).address();
    }

    // ---- ports ----

    /** A free ephemeral port for a socket of {@code host}, or -1 when the range is exhausted (EADDRNOTAVAIL). */
    int allocatePort(Host host, boolean stream) {
        int size = ephemeralHigh - ephemeralLow + 1;
        if (host.nextEphemeral < ephemeralLow || host.nextEphemeral > ephemeralHigh) {
            host.nextEphemeral = ephemeralLow;
        }
        for (int i = 0; i < size; i++) {
            int candidate = ephemeralLow + (host.nextEphemeral - ephemeralLow + i) % size;
            if (!portInUse(host, stream, candidate)) {
                host.nextEphemeral = candidate + 1;
                return candidate;
            }
        }
        return -1;
    }

    boolean portInUse(Host host, boolean stream, int port) {
        for (SimSocket s : host.bound(stream)) {
            if (s.local != null && Host.port(s.local) == port) {
                return true;
            }
        }
        return false;
    }

    public int ephemeralLow() {
        return ephemeralLow;
    }

    public int ephemeralHigh() {
        return ephemeralHigh;
    }

    // ---- TCP ----

    /** Sends the first SYN of a new attempt and arms the retransmission timer. */
    void startConnect(SimSocket client, SockAddr target) {
        client.attempt++;
        client.retransmits = 0;
        client.rtoNanos = INITIAL_RTO_NANOS;
        client.attemptTarget = target;
        client.soError = 0;
        setState(client, TcpState.SYN_SENT);
        sendSyn(client);
        armRetransmit(client, client.attempt);
    }

    private void sendSyn(SimSocket client) {
        int attempt = client.attempt;
        SockAddr target = client.attemptTarget;
        String text = "SYN " + client.local + " > " + target
                + (client.retransmits == 0 ? "" : " (retransmit " + client.retransmits + ")");
        record(client.owner.host(), TraceEvent.Kind.SEND, text);
        Host from = client.owner.host();
        Host to = hostFor(from, Host.ip(target));
        events.at(clock.nanos() + latency(from, to, target), () -> arriveSyn(client, attempt, target, to));
    }

    private void armRetransmit(SimSocket client, int attempt) {
        events.at(clock.nanos() + client.rtoNanos, () -> {
            if (client.attempt != attempt || client.tcp != TcpState.SYN_SENT) {
                return;
            }
            int synRetries = client.option(SocketOption.TCP_SYNCNT, DEFAULT_SYN_RETRIES);
            if (client.retransmits < synRetries) {
                client.retransmits++;
                client.rtoNanos *= 2;
                record(client.owner.host(), TraceEvent.Kind.TIMER, client.label() + " SYN not answered: retransmit");
                sendSyn(client);
                armRetransmit(client, attempt);
            } else {
                record(client.owner.host(), TraceEvent.Kind.TIMER, client.label() + " gave up after "
                        + client.retransmits + " retransmits (TCP_SYNCNT " + synRetries + ")");
                fail(client, attempt, Errno.ETIMEDOUT);
            }
        });
    }

    private void arriveSyn(SimSocket client, int attempt, SockAddr target, Host to) {
        if (client.attempt != attempt || client.tcp != TcpState.SYN_SENT) {
            return; // the attempt was abandoned while the SYN travelled
        }
        Fault fault = faultFor(target);
        String exact = faultKey(Host.ip(target), Host.port(target));
        String key = dropsLeft.containsKey(exact) ? exact : faultKey(Host.ip(target), 0);
        switch (fault) {
            case Fault.Drop ignored when dropsLeft.getOrDefault(key, 0) > 0 -> {
                dropsLeft.merge(key, -1, Integer::sum);
                record(client.owner.host(), TraceEvent.Kind.DROP, "SYN to " + target + " lost (fault: Drop)");
                return;
            }
            case Fault.Refuse ignored -> {
                answer(client, attempt, target, "RST (fault: Refuse)", Errno.ECONNREFUSED);
                return;
            }
            case Fault.NetworkUnreachable ignored -> {
                answer(client, attempt, target, "ICMP network unreachable (fault)", Errno.ENETUNREACH);
                return;
            }
            case Fault.HostUnreachable ignored -> {
                unreachableHost(client, attempt, target);
                return;
            }
            case null, default -> {
                // no fault that stops the SYN here
            }
        }
        if (to == null) {
            unreachableHost(client, attempt, target);
            return;
        }
        SimSocket listener = findBound(to, true, target, true);
        if (listener == null) {
            answer(client, attempt, target, "RST: nothing listens on " + target, Errno.ECONNREFUSED);
            return;
        }
        // Linux admits backlog + 1 connections before its accept queue counts as full.
        if (listener.acceptQueue.size() > listener.backlog) {
            record(to, TraceEvent.Kind.DROP, "SYN to " + target + " dropped: accept queue full ("
                    + listener.acceptQueue.size() + " waiting, backlog " + listener.backlog + ")");
            return;
        }
        SimSocket child = new SimSocket(newSocketId(), listener.owner, listener.family, listener.type);
        child.local = target;
        child.peer = client.local;
        child.remote = client;
        child.connect = ConnectState.CONNECTED;
        setState(child, TcpState.ESTABLISHED);
        listener.acceptQueue.add(child);
        record(to, TraceEvent.Kind.SEND, "SYN-ACK " + target + " > " + client.local + " (queued for accept())");
        events.at(clock.nanos() + latency(to, client.owner.host(), client.local), () -> {
            if (client.attempt != attempt || client.tcp != TcpState.SYN_SENT) {
                reset(child, "the client abandoned the attempt");
                return;
            }
            client.remote = child;
            client.peer = target;
            setState(client, TcpState.ESTABLISHED);
            if (fault instanceof Fault.Reset) {
                // The peer accepts, then resets the connection one round trip later.
                long rtt = 2 * latency(client.owner.host(), to, target);
                events.at(clock.nanos() + Math.max(rtt, 1_000_000), () -> reset(client, "RST from " + target
                        + " (fault: Reset)"));
            }
        });
    }

    private void answer(SimSocket client, int attempt, SockAddr target, String what, Errno errno) {
        Host from = hostFor(client.owner.host(), Host.ip(target));
        record(from == null ? client.owner.host() : from, TraceEvent.Kind.SEND, what + " > " + client.local);
        events.at(clock.nanos() + latency(client.owner.host(), from, target), () -> fail(client, attempt, errno));
    }

    private void unreachableHost(SimSocket client, int attempt, SockAddr target) {
        record(client.owner.host(), TraceEvent.Kind.DROP, "SYN to " + target + ": no host answers ARP");
        events.at(clock.nanos() + ARP_TIMEOUT_NANOS, () -> {
            if (client.attempt == attempt && client.tcp == TcpState.SYN_SENT) {
                record(client.owner.host(), TraceEvent.Kind.DELIVER, "ICMP host unreachable for " + target);
            }
            fail(client, attempt, Errno.EHOSTUNREACH);
        });
    }

    /** Ends a pending attempt with {@code errno}: the socket becomes writable, POLLERR, and SO_ERROR holds it. */
    void fail(SimSocket client, int attempt, Errno errno) {
        if (client.attempt != attempt || client.tcp != TcpState.SYN_SENT) {
            return;
        }
        client.soError = errno.number();
        setState(client, TcpState.CLOSED);
    }

    /** An established socket receives RST: its next recv() or send() fails with ECONNRESET. */
    void reset(SimSocket s, String why) {
        if (s.tcp != TcpState.ESTABLISHED) {
            return;
        }
        record(s.owner.host(), TraceEvent.Kind.DELIVER, s.label() + " " + why);
        s.resetByPeer = true;
        s.soError = Errno.ECONNRESET.number();
        s.remote = null;
        setState(s, TcpState.CLOSED);
    }

    /** Sends bytes to the other end of an established stream. */
    void sendStream(SimSocket s, byte[] data) {
        SimSocket remote = s.remote;
        record(s.owner.host(), TraceEvent.Kind.SEND, "DATA " + s.local + " > " + s.peer + " (" + data.length
                + " bytes)");
        events.at(clock.nanos() + latency(s.owner.host(), remote.owner.host(), s.peer), () -> {
            if (!remote.closed) {
                remote.inbound.writeBytes(data);
            }
        });
    }

    /** Closes an established stream: FIN (or RST with SO_LINGER 0) to the other end. */
    void finish(SimSocket s, boolean abortive) {
        SimSocket remote = s.remote;
        if (remote == null) {
            return;
        }
        record(s.owner.host(), TraceEvent.Kind.SEND, (abortive ? "RST " : "FIN ") + s.local + " > " + s.peer);
        events.at(clock.nanos() + latency(s.owner.host(), remote.owner.host(), s.peer), () -> {
            if (abortive) {
                reset(remote, "RST from " + s.local);
            } else {
                remote.peerFinished = true;
            }
        });
        s.remote = null;
    }

    /** A bound socket of {@code host} for {@code address}: an exact address, or the wildcard, on its port. */
    SimSocket findBound(Host host, boolean stream, SockAddr address, boolean listening) {
        InetAddress ip = Host.ip(address);
        int port = Host.port(address);
        SimSocket wildcard = null;
        for (SimSocket s : host.bound(stream)) {
            if (s.local == null || Host.port(s.local) != port || (listening && s.tcp != TcpState.LISTEN)) {
                continue;
            }
            InetAddress bound = Host.ip(s.local);
            if (bound.equals(ip)) {
                return s;
            }
            if (bound.isAnyLocalAddress()) {
                wildcard = s;
            }
        }
        return wildcard;
    }

    // ---- UDP ----

    /** Sends one datagram; at arrival it is queued, filtered by a connected receiver, or answered by ICMP. */
    void sendDatagram(SimSocket from, SockAddr to, byte[] data) {
        SockAddr source = from.local;
        record(from.owner.host(), TraceEvent.Kind.SEND, "UDP " + source + " > " + to + " (" + data.length + " bytes)");
        Host host = hostFor(from.owner.host(), Host.ip(to));
        if (isBroadcast(Host.ip(to))) {
            record(from.owner.host(), TraceEvent.Kind.DROP, "UDP broadcast to " + to + ": nobody in the simulation listens");
            return;
        }
        events.at(clock.nanos() + latency(from.owner.host(), host, to), () -> {
            if (host == null) {
                record(from.owner.host(), TraceEvent.Kind.DROP, "UDP to " + to + ": no such host");
                return;
            }
            SimSocket receiver = findBound(host, false, to, false);
            if (receiver == null || receiver.closed) {
                record(host, TraceEvent.Kind.DROP, "UDP to " + to + ": port unreachable (ICMP to " + source + ")");
                if (from.peer != null && !from.closed) {
                    from.soError = Errno.ECONNREFUSED.number(); // reported only to a connected socket
                }
                return;
            }
            if (receiver.peer != null && !receiver.peer.equals(source)) {
                record(host, TraceEvent.Kind.DROP, "UDP from " + source + " to " + to
                        + " discarded: the receiver is connected to " + receiver.peer + " (S-05)");
                return;
            }
            receiver.datagrams.add(new Datagram(data, source));
            record(host, TraceEvent.Kind.DELIVER, "UDP " + source + " > " + to + " queued (" + data.length + " bytes)");
        });
    }
}
