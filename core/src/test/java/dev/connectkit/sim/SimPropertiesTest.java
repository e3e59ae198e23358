package dev.connectkit.sim;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.AddressFamily;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import dev.connectkit.posix.SocketType;
import dev.connectkit.posix.Sockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, seeded programs of socket calls run on the simulator. Whatever the program does: every TCP state
 * change is one the state machine allows (the simulator throws on any other), connect() fails only with an errno
 * the man page, POSIX or Linux lists for it, nothing waits forever, and closing the process closes every socket.
 *
 * <p>The programs come from one fixed seed, so every run checks the same {@value #PROGRAMS} programs and a
 * failure is reproducible from its number. A failing program is shrunk before it is reported: steps are dropped,
 * then the remaining steps made simpler, for as long as the program still fails the same way. After the whole
 * set has run, the test prints which connect() errnos the programs reached and fails if one that a target is
 * there to provoke was never reached (a generator that stopped reaching the man page's states tests nothing).
 */
@DisplayName("random programs on the simulated network")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimPropertiesTest {

    static final long SEED = 20261124L;
    static final int PROGRAMS = 400;
    static final int MAX_STEPS = 40;
    /** Descriptors are picked by index among those opened so far, modulo their number. */
    static final int FD_INDICES = 8;

    /** One step of a program. {@link #simpler()} gives the candidates the shrinker tries in its place. */
    sealed interface Step permits Open, Connect, SetNonBlocking, Poll, Accept, Listen, Close, ReadError, Alarm, Send {
        default Stream<Step> simpler() {
            return Stream.empty();
        }
    }

    record Open(SocketType type, boolean nonBlocking) implements Step {
        @Override
        public Stream<Step> simpler() {
            return Stream.<Step>of(new Open(SocketType.SOCK_STREAM, nonBlocking), new Open(type, false))
                    .filter(s -> !s.equals(this));
        }
    }

    record Connect(int fd, int target) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new Connect(0, target));
        }
    }

    record SetNonBlocking(int fd, boolean on) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new SetNonBlocking(0, on));
        }
    }

    record Poll(int fd, int millis) implements Step {
        @Override
        public Stream<Step> simpler() {
            return Stream.<Step>of(new Poll(0, millis), new Poll(fd, 0)).filter(s -> !s.equals(this));
        }
    }

    record Accept(int fd) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new Accept(0));
        }
    }

    record Listen(int fd) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new Listen(0));
        }
    }

    record Close(int fd) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new Close(0));
        }
    }

    record ReadError(int fd) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new ReadError(0));
        }
    }

    record Alarm(int millis) implements Step {
    }

    record Send(int fd) implements Step {
        @Override
        public Stream<Step> simpler() {
            return fd == 0 ? Stream.empty() : Stream.of(new Send(0));
        }
    }

    /** A program: its number in the set, the seed its steps come from, and the steps. */
    record Program(int number, long seed, List<Step> steps) {
        @Override
        public String toString() {
            return "program %d of %d (seed %d, %d steps)".formatted(number, PROGRAMS, seed, steps.size());
        }
    }

    /** What running a program gave: the connect() errnos it reached, and the failure if an invariant broke. */
    record Run(Set<Errno> connectErrnos, Optional<Throwable> failure) {
    }

    /** One kind of step and how often it is drawn, out of the sum of all weights. */
    record Weighted(int weight, Function<SplittableRandom, Step> draw) {
    }

    /** The 400 programs, each from its own seed drawn from {@link #SEED}. */
    static List<Program> programs() {
        SplittableRandom seeds = new SplittableRandom(SEED);
        List<Program> programs = new ArrayList<>();
        for (int number = 1; number <= PROGRAMS; number++) {
            long seed = seeds.nextLong();
            programs.add(new Program(number, seed, generate(new SplittableRandom(seed))));
        }
        return programs;
    }

    /** The kinds of step, weighted so that programs often reach pending, refused and completed connects. */
    static final List<Weighted> KINDS = List.of(
            new Weighted(4, r -> new Open(SocketType.values()[r.nextInt(2)], r.nextBoolean())),
            new Weighted(8, r -> new Connect(r.nextInt(FD_INDICES), r.nextInt(Targets.COUNT))),
            new Weighted(1, r -> new SetNonBlocking(r.nextInt(FD_INDICES), r.nextBoolean())),
            new Weighted(2, r -> new Poll(r.nextInt(FD_INDICES), new int[] {0, 10, 500, 3_000}[r.nextInt(4)])),
            new Weighted(1, r -> new Accept(r.nextInt(FD_INDICES))),
            new Weighted(1, r -> new Listen(r.nextInt(FD_INDICES))),
            new Weighted(1, r -> new Close(r.nextInt(FD_INDICES))),
            new Weighted(2, r -> new ReadError(r.nextInt(FD_INDICES))),
            new Weighted(1, r -> new Alarm(r.nextBoolean() ? 100 : 1_500)),
            new Weighted(1, r -> new Send(r.nextInt(FD_INDICES))));

    /** A program of 1 to {@value #MAX_STEPS} steps drawn from {@link #KINDS}. */
    static List<Step> generate(SplittableRandom random) {
        int total = KINDS.stream().mapToInt(Weighted::weight).sum();
        int length = 1 + random.nextInt(MAX_STEPS);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(total);
            for (Weighted kind : KINDS) {
                pick -= kind.weight();
                if (pick < 0) {
                    steps.add(kind.draw().apply(random));
                    break;
                }
            }
        }
        return List.copyOf(steps);
    }

    /**
     * The connect() errnos the targets are there to provoke: if the programs stop reaching one, the generator or
     * the simulator changed and the invariants are no longer checked where the man page needs them.
     */
    static final Set<Errno> MUST_REACH = EnumSet.of(
            Errno.ECONNREFUSED,  // the closed port
            Errno.ETIMEDOUT,     // the busy listener drops the SYN; a blocking connect() gives up (S-09)
            Errno.EACCES,        // the broadcast address without SO_BROADCAST (S-14)
            Errno.EAFNOSUPPORT,  // an IPv6 address on an AF_INET socket
            Errno.ENETUNREACH,   // the documentation address, which has no route
            Errno.EINPROGRESS,   // any non-blocking connect() that cannot complete at once (S-11)
            Errno.EALREADY,      // ... and connect() again while it is pending (S-12)
            Errno.EISCONN,       // connect() on a connected stream socket (S-13)
            Errno.EINTR);        // an alarm during a blocking connect() (S-10)

    private final Map<Errno, Integer> programsReaching = new EnumMap<>(Errno.class);
    private int programsRun;

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    @Timeout(10)
    @DisplayName("the invariants hold for any program")
    void invariantsHoldForAnyProgram(Program program) {
        Run run = run(program.steps());
        programsRun++;
        run.connectErrnos().forEach(errno -> programsReaching.merge(errno, 1, Integer::sum));
        if (run.failure().isPresent()) {
            Throwable failure = run.failure().get();
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError(program + " did not finish", failure); // the timeout: nothing to shrink
            }
            List<Step> shrunk = shrink(program.steps(), failure.getClass());
            throw new AssertionError(program + " fails: " + failure.getMessage()
                    + "\nshrunk to " + shrunk.size() + " steps: " + shrunk
                    + "\nwhich fails: " + run(shrunk).failure().map(Throwable::getMessage).orElse("?"), failure);
        }
    }

    /** The statistics of the whole set; only when it all ran (one program run alone proves nothing here). */
    @AfterAll
    void theProgramsReachTheErrnosTheTargetsAreFor() {
        if (programsRun < PROGRAMS) {
            return;
        }
        String counts = programsReaching.entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        System.out.printf("SimPropertiesTest: %d programs (seed %d) reached %d distinct connect() errnos, in how many"
                + " programs each: %s%n", programsRun, SEED, programsReaching.size(), counts);
        assertThat(programsReaching.keySet())
                .as("connect() errnos reached by the %d programs of seed %d", PROGRAMS, SEED)
                .containsAll(MUST_REACH);
    }

    /**
     * Shrinks a failing program: drops runs of steps (halves, quarters, ... single steps), then replaces single
     * steps by simpler ones, keeping each change under which the program still fails with the same exception
     * class; repeats until nothing changes or 2,000 runs were spent.
     */
    static List<Step> shrink(List<Step> failing, Class<? extends Throwable> failure) {
        List<Step> current = failing;
        int budget = 2_000;
        boolean changed = true;
        while (changed && budget > 0) {
            changed = false;
            for (int chunk = Math.max(1, current.size() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
                for (int from = 0; from + chunk <= current.size() && budget > 0; ) {
                    List<Step> candidate = new ArrayList<>(current.subList(0, from));
                    candidate.addAll(current.subList(from + chunk, current.size()));
                    budget--;
                    if (!candidate.isEmpty() && failsWith(candidate, failure)) {
                        current = List.copyOf(candidate);
                        changed = true;
                    } else {
                        from++;
                    }
                }
            }
            for (int i = 0; i < current.size() && budget > 0; i++) {
                for (Step simpler : current.get(i).simpler().toList()) {
                    List<Step> candidate = new ArrayList<>(current);
                    candidate.set(i, simpler);
                    budget--;
                    if (failsWith(candidate, failure)) {
                        current = List.copyOf(candidate);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return current;
    }

    private static boolean failsWith(List<Step> program, Class<? extends Throwable> failure) {
        return run(program).failure().filter(failure::isInstance).isPresent();
    }

    /** The destinations a connect() may aim at, by index; the order is part of the generated programs. */
    private record Targets(SockAddr[] all) {
        static final int COUNT = 7;

        /**
         * A listener, a closed port, a busy listener, the null address, the loopback broadcast, an address of the
         * wrong family, and an unroutable documentation address.
         */
        static Targets on(Sockets s) throws ErrnoException {
            int listener = Loopback.tcpListener(s, 4);
            SockAddr.In open = Loopback.addressOf(s, listener);
            SockAddr.In closed = Loopback.closedPort(s);
            SaturatedListener busy = SaturatedListener.open(s);
            return new Targets(new SockAddr[] {open, closed, busy.address(), SockAddr.unspec(),
                    SockAddr.inet("127.255.255.255", 9), SockAddr.loopback6(9), SockAddr.inet("203.0.113.1", 80)});
        }
    }

    /** Runs a program on a fresh simulated network and checks the invariants; never throws. */
    static Run run(List<Step> program) {
        EnumSet<Errno> seen = EnumSet.noneOf(Errno.class);
        try {
            SimNetwork network = SimNetwork.create();
            Sockets s = network.open();
            Targets targets = Targets.on(s);
            List<Integer> fds = new ArrayList<>();
            for (Step step : program) {
                execute(s, step, fds, targets, seen);
            }
            s.close();
            network.assertNoOpenSockets();
            assertThat(s.openDescriptors()).as("descriptors left open after the process closed").isEmpty();
            return new Run(seen, Optional.empty());
        } catch (AssertionError | RuntimeException | ErrnoException e) {
            return new Run(seen, Optional.of(e));
        }
    }

    private static void execute(Sockets s, Step step, List<Integer> fds, Targets targets, EnumSet<Errno> seen) {
        try {
            switch (step) {
                case Open o -> {
                    int fd = s.socket(AddressFamily.AF_INET, o.type());
                    s.setNonBlocking(fd, o.nonBlocking());
                    fds.add(fd);
                }
                case Connect c when !fds.isEmpty() -> connect(s, pick(fds, c.fd()), targets.all()[c.target()], seen);
                case SetNonBlocking n when !fds.isEmpty() -> s.setNonBlocking(pick(fds, n.fd()), n.on());
                case Poll p when !fds.isEmpty() -> s.poll(PollFd.writable(pick(fds, p.fd())), p.millis());
                case Accept a when !fds.isEmpty() -> {
                    int fd = pick(fds, a.fd());
                    s.setNonBlocking(fd, true); // a blocking accept() with no client would wait forever
                    fds.add(s.accept(fd));
                }
                case Listen l when !fds.isEmpty() -> s.listen(pick(fds, l.fd()), 1);
                case Close c when !fds.isEmpty() -> {
                    int fd = pick(fds, c.fd());
                    fds.remove(Integer.valueOf(fd));
                    s.close(fd);
                }
                case ReadError r when !fds.isEmpty() -> {
                    int error = s.getsockopt(pick(fds, r.fd()), SocketOption.SO_ERROR);
                    assertThat(error == 0 || Errno.forNumber(error).isPresent())
                            .as("SO_ERROR %d is an errno the kit knows", error).isTrue();
                }
                case Alarm a -> s.alarm(Duration.ofMillis(a.millis()));
                case Send d when !fds.isEmpty() -> {
                    int fd = pick(fds, d.fd());
                    s.setNonBlocking(fd, true);
                    s.send(fd, new byte[] {42});
                }
                default -> {
                    // a step that needs a descriptor, before any was opened
                }
            }
        } catch (ErrnoException e) {
            // Any other call may fail: the invariants are about connect(), states and cleanup.
        }
    }

    private static int pick(List<Integer> fds, int index) {
        return fds.get(index % fds.size());
    }

    private static void connect(Sockets s, int fd, SockAddr target, EnumSet<Errno> seen) {
        try {
            s.connect(fd, target);
        } catch (ErrnoException e) {
            seen.add(e.errno());
            assertThat(e.errno().listedForConnect())
                    .as("connect() failed with %s, which neither the man page, POSIX nor Linux lists", e.errno())
                    .isTrue();
        }
    }
}
