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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, seeded programs of socket calls run on the simulator. Whatever the program does: every TCP state
 * change is one the state machine allows (the simulator throws on any other), connect() fails only with an errno
 * the man page, POSIX or Linux lists for it, nothing waits forever, and closing the process closes every socket.
 */
class SimPropertiesTest {

    /** One step of a program; descriptors are picked by index among those opened so far. */
    sealed interface Step permits Open, Connect, SetNonBlocking, Poll, Accept, Listen, Close, ReadError, Alarm, Send {
    }

    record Open(SocketType type, boolean nonBlocking) implements Step {
    }

    record Connect(int fd, int target) implements Step {
    }

    record SetNonBlocking(int fd, boolean on) implements Step {
    }

    record Poll(int fd, int millis) implements Step {
    }

    record Accept(int fd) implements Step {
    }

    record Listen(int fd) implements Step {
    }

    record Close(int fd) implements Step {
    }

    record ReadError(int fd) implements Step {
    }

    record Alarm(int millis) implements Step {
    }

    record Send(int fd) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        Arbitrary<Integer> fd = Arbitraries.integers().between(0, 7);
        // Weighted so that programs often reach the states the man page is about: pending, refused, completed.
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.of(SocketType.class),
                        Arbitraries.of(true, false)).as(Open::new)),
                net.jqwik.api.Tuple.of(8, Combinators.combine(fd, Arbitraries.integers().between(0, 6)).as(Connect::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(fd, Arbitraries.of(true, false)).as(SetNonBlocking::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(fd, Arbitraries.of(0, 10, 500, 3_000)).as(Poll::new)),
                net.jqwik.api.Tuple.of(1, fd.map(Accept::new)),
                net.jqwik.api.Tuple.of(1, fd.map(Listen::new)),
                net.jqwik.api.Tuple.of(1, fd.map(Close::new)),
                net.jqwik.api.Tuple.of(2, fd.map(ReadError::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(100, 1_500).map(Alarm::new)),
                net.jqwik.api.Tuple.of(1, fd.map(Send::new)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 400, seed = "20261124")
    void invariantsHoldForAnyProgram(@ForAll("programs") @Size(max = 40) List<Step> program) throws Exception {
        SimNetwork network = SimNetwork.create();
        Sockets s = network.open();
        List<Integer> fds = new ArrayList<>();
        // The destinations a connect() may aim at: a listener, a closed port, a busy listener, the null address,
        // the loopback broadcast, an address of the wrong family, and an unroutable documentation address.
        int listener = Loopback.tcpListener(s, 4);
        SockAddr.In open = Loopback.addressOf(s, listener);
        SockAddr.In closed = Loopback.closedPort(s);
        SaturatedListener busy = SaturatedListener.open(s);
        SockAddr[] targets = {open, closed, busy.address(), SockAddr.unspec(),
                SockAddr.inet("127.255.255.255", 9), SockAddr.loopback6(9), SockAddr.inet("203.0.113.1", 80)};
        EnumSet<Errno> seen = EnumSet.noneOf(Errno.class);

        for (Step step : program) {
            try {
                switch (step) {
                    case Open o -> {
                        int fd = s.socket(AddressFamily.AF_INET, o.type());
                        s.setNonBlocking(fd, o.nonBlocking());
                        fds.add(fd);
                    }
                    case Connect c when !fds.isEmpty() -> connect(s, pick(fds, c.fd()), targets[c.target()], seen);
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
                // Any other call may fail: the properties are about connect(), states and cleanup.
            }
        }

        s.close();
        network.assertNoOpenSockets();
        assertThat(s.openDescriptors()).isEmpty();
        statistics(seen);
    }

    /** jqwik's report shows how often each connect() errno came up, so a reader sees what the programs reached. */
    private static void statistics(EnumSet<Errno> seen) {
        for (Errno errno : seen) {
            net.jqwik.api.statistics.Statistics.label("connect() errnos").collect(errno.name());
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
