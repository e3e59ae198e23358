package dev.connectkit.examples.tour;

import dev.connectkit.examples.support.Example;
import dev.connectkit.examples.fanout.ConnectFanout;
import dev.connectkit.examples.interrupted.InterruptedConnect;
import dev.connectkit.examples.nonblocking.NonBlockingConnect;
import dev.connectkit.examples.tcpclient.TcpClient;
import dev.connectkit.examples.timeout.ConnectTimeout;
import dev.connectkit.examples.udppeer.UdpPeerAddress;
import dev.connectkit.examples.unixdomain.UnixDomain;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code connectkit} command. With no argument it runs the tour: every example in order, each against its
 * own loopback peer. {@code connectkit NAME [options]} runs one example; {@code connectkit list} lists them.
 */
public final class Main {
    private Main() {
    }

    /** Every example, in the order the tour shows them. */
    static final List<Example> EXAMPLES = List.of(new TcpClient(), new UdpPeerAddress(), new NonBlockingConnect(),
            new ConnectTimeout(), new InterruptedConnect(), new UnixDomain());

    /** Programs that are not part of the tour: they take longer, and measure rather than narrate. */
    static final List<Example> BENCHMARKS = List.of(new ConnectFanout());

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command and returns its exit status (0 ok, 1 a call failed, 2 bad input). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.getFirst().equals("tour")) {
            return tour(args.isEmpty() ? List.of() : args.subList(1, args.size()), out, err);
        }
        String name = args.getFirst();
        if (name.equals("list") || name.equals("--help") || name.equals("-h")) {
            out.println("usage: connectkit [tour | list | EXAMPLE [options]]");
            for (Example e : java.util.stream.Stream.concat(EXAMPLES.stream(), BENCHMARKS.stream()).toList()) {
                out.printf("  %-22s %s%n", e.name(), e.summary());
                out.printf("  %-22s   options: %s%n", "", e.usage());
            }
            return Example.OK;
        }
        Optional<Example> example = java.util.stream.Stream.concat(EXAMPLES.stream(), BENCHMARKS.stream())
                .filter(e -> e.name().equals(name)).findFirst();
        if (example.isEmpty()) {
            err.println("connectkit: unknown example " + name + " (usage: connectkit [tour | list | EXAMPLE [options]];"
                    + " examples: " + String.join(", ", EXAMPLES.stream().map(Example::name).toList()) + ")");
            return Example.USAGE;
        }
        return example.get().run(args.subList(1, args.size()), out, err);
    }

    private static int tour(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("connectkit: the tour takes no options, got " + args.getFirst()
                    + " (usage: connectkit [tour | list | EXAMPLE [options]])");
            return Example.USAGE;
        }
        out.println("connectkit: a tour of connect(2) on loopback. Each line is a real system call, its result,");
        out.println("and the man-page statement it shows ([S-07] and so on; see the docs for the full text).");
        for (int i = 0; i < EXAMPLES.size(); i++) {
            Example example = EXAMPLES.get(i);
            out.println();
            out.println("#".repeat(78));
            out.printf("# %d/%d  %s: %s%n", i + 1, EXAMPLES.size(), example.name(), example.summary());
            out.println("#".repeat(78));
            int status = example.run(List.of(), out, err);
            if (status != Example.OK) {
                err.println("connectkit: the tour stopped: " + example.name() + " exited with status " + status);
                return status;
            }
        }
        out.println();
        out.println("The tour is over: every example ran against its own loopback peer.");
        return Example.OK;
    }
}
