package dev.connectkit.sim;

import dev.connectkit.lab.Loopback;
import dev.connectkit.lab.SaturatedListener;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;
import dev.connectkit.testing.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_DGRAM;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several threads on one simulated network, as programs use the kernel: a call that blocks lets the other
 * threads' calls run, and virtual time moves only when every thread is blocked. A wait that could never end is
 * a {@link DeadlockException} that names every waiting call, never a hang.
 */
@Timeout(30)
@DisplayName("the simulated network with several threads")
class SimThreadsTest {

    /** Runs {@code task} on a new thread of the test; its outcome, or the exception it threw. */
    private static <T> CompletableFuture<T> inThread(String name, Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> {
            try {
                result.complete(task.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws Exception;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a server thread and a client thread talk across a 10 ms link; the clock shows the round trips")
    void serverAndClient() throws Exception {
        SimNetwork net = SimNetwork.create().localAddresses("192.0.2.10").host("server", "198.51.100.20");
        SockAddr.In address = SockAddr.inet("198.51.100.20", 7);
        try (Sockets server = net.open("server"); Sockets client = net.open()) {
            int listener = server.socket(AF_INET, SOCK_STREAM);
            server.bind(listener, address);
            server.listen(listener, 8);
            CompletableFuture<String> served = inThread("server", () -> {
                int conn = server.accept(listener); // blocks until the client's handshake completes (30 ms)
                byte[] buffer = new byte[16];
                int n = server.recv(conn, buffer);
                server.send(conn, bytes("pong"));
                server.close(conn);
                return new String(buffer, 0, n, StandardCharsets.UTF_8);
            });
            int fd = client.socket(AF_INET, SOCK_STREAM);
            client.connect(fd, address); // SYN at 0, SYN-ACK back at 20 ms
            assertThat(net.now()).isEqualTo(Duration.ofMillis(20));
            client.send(fd, bytes("ping"));
            byte[] reply = new byte[16];
            int n = client.recv(fd, reply); // ping arrives at 30 ms, pong back at 40 ms
            assertThat(new String(reply, 0, n, StandardCharsets.UTF_8)).isEqualTo("pong");
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
            assertThat(net.now()).as("two round trips of 20 ms").isEqualTo(Duration.ofMillis(40));
            client.close(fd);
            server.close(listener);
        }
        net.assertNoOpenSockets();
    }

    @Test
    @DisplayName("a connect() blocked on a full listener completes when another thread accepts (at the 1 s retransmit)")
    void acceptFromAnotherThread() throws Exception {
        SimNetwork net = SimNetwork.create();
        try (Sockets s = net.open(); SaturatedListener busy = SaturatedListener.open(s)) {
            int quiet = Loopback.udpSocket(s);
            Duration start = net.now(); // after the probes that filled the queue
            CompletableFuture<Outcome> connecting = inThread("client", () -> {
                int fd = s.socket(AF_INET, SOCK_STREAM);
                try {
                    return Outcome.of(() -> s.connect(fd, busy.address()));
                } finally {
                    s.close(fd);
                }
            });
            // Half a second of virtual time: the clock moves only once the client waits in connect().
            assertThat(s.poll(PollFd.readable(quiet), 500)).isEmpty();
            busy.acceptFillers(); // half a second in, the queue has room again
            assertThat(connecting.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.success());
            assertThat(net.now()).as("the SYN lost at the start is retransmitted 1 s later and accepted")
                    .isEqualTo(start.plusSeconds(1));
            s.close(quiet);
        }
        net.assertNoOpenSockets();
    }

    @Test
    @DisplayName("a thread waiting in poll() does not move the clock while another thread is still running")
    void clockWaitsForRunningThreads() throws Exception {
        SimNetwork net = SimNetwork.create();
        try (Sockets s = net.open()) {
            int receiver = Loopback.udpSocket(s);
            SockAddr.In to = Loopback.addressOf(s, receiver);
            CompletableFuture<Set<PollEvent>> polled = new CompletableFuture<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    polled.complete(s.poll(PollFd.readable(receiver), 5_000));
                } catch (Throwable t) {
                    polled.completeExceptionally(t);
                }
            });
            int sender = s.socket(AF_INET, SOCK_DGRAM);
            s.sendto(sender, bytes("now"), to); // on the kernel this reaches the poller at once, not after 5 s
            assertThat(polled.get(10, TimeUnit.SECONDS)).contains(PollEvent.POLLIN);
            assertThat(waiter.join(Duration.ofSeconds(10))).isTrue();
            assertThat(net.now()).as("no thread waited for the 5 s timeout").isEqualTo(Duration.ZERO);
            Datagram d = s.recvfrom(receiver, 16);
            assertThat(d.text()).isEqualTo("now");
            s.close(sender);
            s.close(receiver);
        }
    }

    @Test
    @DisplayName("a poll() timeout in one thread fires while another thread waits for ever")
    void deadlinesOfOtherThreads() throws Exception {
        SimNetwork net = SimNetwork.create();
        try (Sockets s = net.open()) {
            int listener = Loopback.tcpListener(s, 1);
            int quiet = Loopback.udpSocket(s);
            CompletableFuture<Integer> accepting = inThread("acceptor", () -> s.accept(listener));
            assertThat(s.poll(PollFd.readable(quiet), 2_500)).as("nothing came: a timeout").isEmpty();
            assertThat(net.now()).isEqualTo(Duration.ofMillis(2_500));
            int client = s.socket(AF_INET, SOCK_STREAM);
            s.connect(client, Loopback.addressOf(s, listener)); // ends the other thread's accept()
            s.close(accepting.get(10, TimeUnit.SECONDS));
            s.close(client);
            s.close(quiet);
            s.close(listener);
        }
        net.assertNoOpenSockets();
    }

    @Test
    @DisplayName("a thread in a timed wait outside the simulation will run again: no deadlock while it waits")
    void timedWaitIsNoDeadlock() throws Exception {
        SimNetwork net = SimNetwork.create();
        try (Sockets s = net.open()) {
            int listener = Loopback.tcpListener(s, 1);
            CompletableFuture<Integer> accepting = inThread("acceptor", () -> s.accept(listener));
            // The acceptor waits and nothing is scheduled, but this thread waits with a timeout, as a program that
            // sleeps before it connects: on the kernel the accept() simply waits, and so it does here.
            assertThatThrownBy(() -> accepting.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            int client = s.socket(AF_INET, SOCK_STREAM);
            s.connect(client, Loopback.addressOf(s, listener));
            s.close(accepting.get(10, TimeUnit.SECONDS));
            s.close(client);
            s.close(listener);
        }
        net.assertNoOpenSockets();
    }

    @Test
    @DisplayName("two threads each waiting in accept() for a client that never comes: a deadlock, named")
    void deadlockOfTwoThreads() throws Exception {
        SimNetwork net = SimNetwork.create();
        try (Sockets s = net.open()) {
            int first = Loopback.tcpListener(s, 1);
            int second = Loopback.tcpListener(s, 1);
            CompletableFuture<Integer> other = inThread("other", () -> s.accept(first));
            DeadlockException mine = null;
            try {
                s.accept(second);
            } catch (DeadlockException e) {
                mine = e;
            }
            DeadlockException theirs = null;
            try {
                other.get(); // without a timeout: a thread in a timed wait may still act, so no deadlock is seen
            } catch (ExecutionException e) {
                theirs = (DeadlockException) e.getCause();
            }
            assertThat(mine).as("this thread's accept() gave up").isNotNull();
            assertThat(theirs).as("the other thread's accept() gave up").isNotNull();
            // The first to see the deadlock saw both threads wait; its message names both calls.
            List<String> both = mine.waiting().size() == 2 ? mine.waiting() : theirs.waiting();
            assertThat(both).hasSize(2).anyMatch(w -> w.endsWith("accept(" + first + ")"))
                    .anyMatch(w -> w.endsWith("accept(" + second + ")"));
            s.close(first);
            s.close(second);
        }
        net.assertNoOpenSockets();
    }
}
