package dev.connectkit.fuzz;

import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.ShutdownHow;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random program of socket calls with adversarial arguments, the same for every backend: descriptors are named
 * by slot (the n-th socket the program opened), addresses by what they are (a slot's own name, a closed port, the
 * broadcast address, a path), so each backend resolves them to its own numbers.
 */
record Program(long seed, List<Op> ops) {
    static final int SLOTS = 6;

    /** Which descriptor a call is given. */
    sealed interface Target permits Slot, Foreign {
    }

    /** The descriptor of the program's socket number {@code index}, open or closed by now. */
    record Slot(int index) implements Target {
    }

    /** A number the instance never opened: -1, a huge number, or a descriptor of another instance. */
    record Foreign(int kind) implements Target {
    }

    /** Which address a call is given. */
    enum Address {
        NULL, UNSPEC, V4_ANY_PORT_0, V4_LOOPBACK_PORT_0, V6_LOOPBACK_PORT_0, OWN_NAME, OTHER_SLOT_NAME,
        OTHER_SLOT_NAME_V4_MAPPED, BROADCAST, UNIX_PATH, UNIX_UNNAMED
    }

    sealed interface Op permits Socket, Bind, Listen, Accept, Connect, ConnectLen, GetSockName, GetPeerName, GetSockOpt,
            SetSockOpt, Poll, Send, Recv, SendTo, RecvFrom, Shutdown, Close, Alarm {
    }

    record Socket(AddressFamily family, SocketType type) implements Op {
    }

    record Bind(Target fd, Address address, int other) implements Op {
    }

    record Listen(Target fd, int backlog) implements Op {
    }

    record Accept(Target fd) implements Op {
    }

    record Connect(Target fd, Address address, int other) implements Op {
    }

    record ConnectLen(Target fd, Address address, int other, int addrlen) implements Op {
    }

    record GetSockName(Target fd) implements Op {
    }

    record GetPeerName(Target fd) implements Op {
    }

    record GetSockOpt(Target fd, SocketOption option) implements Op {
    }

    record SetSockOpt(Target fd, SocketOption option, int value) implements Op {
    }

    /** poll() with a timeout of 0 on these entries; {@code null} is the null list, a null entry is a null PollFd. */
    record Poll(List<Target> fds, List<Set<PollEvent>> events, boolean nullList, boolean nullEntry) implements Op {
    }

    record Send(Target fd, int length) implements Op {
    }

    record Recv(Target fd, int length) implements Op {
    }

    record SendTo(Target fd, int length, Address address, int other) implements Op {
    }

    record RecvFrom(Target fd, int maxLength) implements Op {
    }

    record Shutdown(Target fd, ShutdownHow how) implements Op {
    }

    record Close(Target fd) implements Op {
    }

    /** alarm() with no delay (null), a negative one, or zero (cancel): never a real signal. */
    record Alarm(int kind) implements Op {
    }

    private static final int[] LENGTHS = {-1, 0, 1, 16, 65_536, 1 << 30, Integer.MAX_VALUE};
    private static final int[] ADDRLENS = {-1, 0, 1, 2, 8, 15, 16, 24, 28, 110, 128, 129, Integer.MAX_VALUE};
    private static final int[] BACKLOGS = {-1, 0, 1, 5, Integer.MAX_VALUE};
    private static final int[] VALUES = {-1, 0, 1, 2, 127, 128, Integer.MIN_VALUE};
    private static final int[] DATA = {-1, 0, 1, 100}; // -1: a null array

    /** A program of {@code steps} calls from {@code seed}. */
    static Program generate(long seed, int steps) {
        Random r = new Random(seed);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            ops.add(i < 2 ? socket(r) : op(r));
        }
        return new Program(seed, List.copyOf(ops));
    }

    private static Op op(Random r) {
        return switch (r.nextInt(20)) {
            case 0, 1 -> socket(r);
            case 2 -> new Bind(target(r), address(r), r.nextInt(SLOTS));
            case 3 -> new Listen(target(r), pick(r, BACKLOGS));
            case 4 -> new Accept(target(r));
            case 5, 6 -> new Connect(target(r), address(r), r.nextInt(SLOTS));
            case 7 -> new ConnectLen(target(r), address(r), r.nextInt(SLOTS), pick(r, ADDRLENS));
            case 8 -> new GetSockName(target(r));
            case 9 -> new GetPeerName(target(r));
            case 10 -> new GetSockOpt(target(r), r.nextInt(8) == 0 ? null : pick(r, SocketOption.values()));
            case 11 -> new SetSockOpt(target(r), r.nextInt(8) == 0 ? null : pick(r, SocketOption.values()), pick(r, VALUES));
            case 12 -> poll(r);
            case 13 -> new Send(target(r), pick(r, DATA));
            case 14 -> new Recv(target(r), pick(r, DATA));
            case 15 -> new SendTo(target(r), pick(r, DATA), address(r), r.nextInt(SLOTS));
            case 16 -> new RecvFrom(target(r), pick(r, LENGTHS));
            case 17 -> new Shutdown(target(r), r.nextInt(6) == 0 ? null : pick(r, ShutdownHow.values()));
            case 18 -> new Close(target(r));
            default -> new Alarm(r.nextInt(3));
        };
    }

    private static Op socket(Random r) {
        AddressFamily family = r.nextInt(12) == 0 ? null : pick(r, new AddressFamily[] {AddressFamily.AF_INET,
                AddressFamily.AF_INET, AddressFamily.AF_INET6, AddressFamily.AF_UNIX, AddressFamily.AF_UNSPEC});
        SocketType type = r.nextInt(12) == 0 ? null : pick(r, SocketType.values());
        return new Socket(family, type);
    }

    private static Op poll(Random r) {
        int n = r.nextInt(5); // 0: the empty list
        List<Target> fds = new ArrayList<>();
        List<Set<PollEvent>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fds.add(i > 0 && r.nextInt(4) == 0 ? fds.get(i - 1) : target(r)); // duplicates, as C allows
            Set<PollEvent> e = EnumSet.noneOf(PollEvent.class);
            if (r.nextBoolean()) {
                e.add(PollEvent.POLLIN);
            }
            if (r.nextBoolean()) {
                e.add(PollEvent.POLLOUT);
            }
            events.add(e);
        }
        return new Poll(fds, events, r.nextInt(20) == 0, n > 0 && r.nextInt(20) == 0);
    }

    private static Target target(Random r) {
        return r.nextInt(10) == 0 ? new Foreign(r.nextInt(3)) : new Slot(r.nextInt(SLOTS));
    }

    private static Address address(Random r) {
        return pick(r, Address.values());
    }

    private static int pick(Random r, int[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
