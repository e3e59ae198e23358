package dev.connectkit.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every scenario of the corpus, in report order, and the source cases that were read but not ported, each with
 * the reason.
 */
final class Corpus {
    private Corpus() {
    }

    /** A case a source asserts that the corpus does not generate, and why. */
    record NotPorted(Source source, String reason) {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(GvisorTcp.scenarios());
        all.addAll(GvisorInetLoopback.scenarios());
        all.addAll(GvisorUdp.scenarios());
        all.addAll(GvisorUnix.scenarios());
        all.addAll(Ltp.scenarios());
        all.addAll(OpenJdk.scenarios());
        Set<String> ids = new HashSet<>();
        for (Scenario s : all) {
            if (!ids.add(s.id())) {
                throw new IllegalStateException("two scenarios are named " + s.id());
            }
        }
        return List.copyOf(all);
    }

    static List<NotPorted> notPorted() {
        return List.of(
                new NotPorted(new Source(Suite.LTP, "connect01.c", "tcases[1]: EFAULT"),
                        "the kit passes addresses as typed values, so no bad pointer can reach the kernel"),
                new NotPorted(new Source(Suite.LTP, "connect01.c", "tcases[3]: ENOTSOCK"),
                        "the kit accepts only descriptors it opened, so it cannot be handed /dev/null (issue 12,"
                                + " section 3, plans a way)"),
                new NotPorted(new Source(Suite.LTP, "connect02.c", "IPV6_ADDRFORM"),
                        "the kit has no IPV6_ADDRFORM option; the AF_UNSPEC, bind and listen part is ported"),
                new NotPorted(new Source(Suite.LTP, "connect03.c", "tcases[1]: EACCES"),
                        "needs a user without CAP_DAC_OVERRIDE; the build runs as root here, and root may"
                                + " write to a socket file of mode 0500"),
                new NotPorted(new Source(Suite.GVISOR, "socket_unix_unbound_abstract.cc", "AutoBindSuccess,"
                        + " ListenZeroBacklog, ..."),
                        "abstract AF_UNIX names: SockAddr.Un cannot hold a leading NUL"),
                new NotPorted(new Source(Suite.GVISOR, "accept_bind.cc", "AllSocketPairTest.ConnectWithWrongType"),
                        "needs SOCK_SEQPACKET, which the kit's SocketType does not have (EPROTOTYPE is ported"
                                + " from LTP connect03.c)"),
                new NotPorted(new Source(Suite.GVISOR, "socket_inet_loopback_nogotsan.cc",
                        "SocketInetLoopbackTest.TestTCPPortExhaustion"),
                        "needs every ephemeral port taken: the machine-wide range (28 232 ports) cannot be"
                                + " exhausted in a test, narrowing it changes a sysctl for every process, and the kit"
                                + " has no IP_LOCAL_PORT_RANGE; the same holds for UDP autobind's EAGAIN"),
                new NotPorted(new Source(Suite.GVISOR, "socket_ipv4_udp_unbound_external_networking.cc",
                        "IPv4UDPUnboundExternalNetworkingSocketTest.TestSendBroadcast"),
                        "sends to 255.255.255.255: the corpus stays on loopback"),
                new NotPorted(new Source(Suite.GVISOR, "tcp_socket.cc",
                        "ListenConnectParallel, SynRcvdOnListenerShutdown"),
                        "hundreds of threads racing a listener; the outcome is a set that depends on timing"),
                new NotPorted(new Source(Suite.OPENJDK, "SocketChannel/CloseDuringConnect.java", "8198928"),
                        "a close() from another thread racing a connect(): a timing test, not one outcome"),
                new NotPorted(new Source(Suite.OPENJDK, "AsyncCloseAndInterrupt.java", "CONNECT, FINISH_CONNECT"),
                        "Thread.interrupt() and ClosedByInterruptException have no system-call counterpart"));
    }
}
