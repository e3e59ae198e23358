package dev.connectkit.internal.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Thread-directed signals at a chosen moment: the native form of {@code setitimer()} plus a handler without
 * {@code SA_RESTART}, which is what makes a blocked connect() fail with EINTR (statement S-10).
 *
 * <p>The signal is {@code SIGRTMAX-2}, for which the JDK installs a no-op handler without SA_RESTART (NIO uses
 * it to wake threads blocked in I/O). It is addressed with {@code tgkill(pid, tid)}, so a thread that has
 * already ended is reported as ESRCH instead of being a risk.
 */
final class Alarms implements AutoCloseable {
    // struct sigaction (glibc, x86_64 and aarch64): sa_handler at 0, sa_mask[128] at 8, sa_flags at 136
    private static final long SIGACTION_SIZE = 152;
    private static final long SA_FLAGS_OFFSET = 136;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;

    private ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;

    synchronized void schedule(Duration delay) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (delay.isZero()) {
            return;
        }
        int signal = interruptingSignal();
        int pid = Libc.getpid();
        int tid = Libc.gettid();
        if (timer == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread t = new Thread(runnable, "connectkit-alarm");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            timer = executor;
        }
        pending = timer.schedule(() -> deliver(pid, tid, signal), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void deliver(int pid, int tid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            // ESRCH (the thread has ended) is harmless: there is no call left to interrupt.
            Libc.tgkill(Libc.newErrnoCapture(arena), pid, tid, signal);
        }
    }

    /** The signal to send, once it is known to have a handler that does not restart calls. */
    private static int interruptingSignal() {
        int signal = Libc.sigrtmax() - 2;
        if (!hasNonRestartingHandler(signal)) {
            initializeJdkInterruptHandler();
        }
        if (!hasNonRestartingHandler(signal)) {
            throw new UnsupportedOperationException("no non-restarting handler is installed for signal " + signal
                    + " (SIGRTMAX-2); sending it would end the process, so connectkit does not");
        }
        return signal;
    }

    private static boolean hasNonRestartingHandler(int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
            if (Libc.sigaction(Libc.newErrnoCapture(arena), signal, MemorySegment.NULL, old) != 0) {
                return false;
            }
            long handler = old.get(ADDRESS, 0).address();
            int flags = old.get(JAVA_INT, SA_FLAGS_OFFSET);
            return handler != SIG_DFL && handler != SIG_IGN && (flags & LinuxAbi.SA_RESTART) == 0;
        }
    }

    /** A blocking read on a pipe makes NIO register the calling thread, which installs the JDK's handler. */
    private static void initializeJdkInterruptHandler() {
        try {
            Pipe pipe = Pipe.open();
            try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                sink.write(ByteBuffer.wrap(new byte[] {1}));
                source.read(ByteBuffer.allocate(1));
            }
        } catch (java.io.IOException e) {
            throw new UnsupportedOperationException("could not initialise the JDK's interrupt signal: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
            pending = null;
        }
    }
}
