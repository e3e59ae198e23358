package dev.connectkit.internal.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated machine: its addresses, whether its interface is up, and its kernel's tables: the TCP and UDP
 * ports, the TCP connections by 4-tuple, and the file system AF_UNIX names live in.
 */
final class Host {
    private final String name;
    private final List<InetAddress> addresses = new ArrayList<>();
    private boolean interfaceDown;
    private final PortTable.Cursor ephemeral = new PortTable.Cursor();
    final PortTable tcpPorts = new PortTable(ephemeral);
    final PortTable udpPorts = new PortTable(ephemeral);
    final Connections connections = new Connections();
    final FileSystem files = new FileSystem();
    /** The listening TCP sockets by port (Linux's listening hash): what a SYN looks for. */
    private final Map<Integer, List<TcpSocket>> listeners = new HashMap<>();
    private int nextAutobind;

    Host(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Its own addresses, besides loopback. */
    List<InetAddress> addresses() {
        return addresses;
    }

    void addAddresses(List<InetAddress> more) {
        addresses.addAll(more);
    }

    /** Whether this host answers for {@code address}: one of its own, or any loopback address. */
    boolean owns(InetAddress address) {
        return address.isLoopbackAddress() || addresses.contains(address);
    }

    boolean interfaceDown() {
        return interfaceDown;
    }

    void interfaceDown(boolean down) {
        interfaceDown = down;
    }

    /** The ports of a protocol: TCP and UDP have separate port spaces. */
    PortTable ports(boolean stream) {
        return stream ? tcpPorts : udpPorts;
    }

    void listening(TcpSocket listener) {
        listeners.computeIfAbsent(listener.localPort(), p -> new ArrayList<>(1)).add(listener);
    }

    void notListening(TcpSocket listener) {
        List<TcpSocket> list = listeners.get(listener.localPort());
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(listener.localPort());
        }
    }

    List<TcpSocket> listenersOn(int port) {
        return listeners.getOrDefault(port, List.of());
    }

    /** The next abstract AF_UNIX name for an autobind: {@code @00001}, {@code @00002} … (Linux picks 5 hex digits). */
    String nextAbstractName() {
        nextAutobind = (nextAutobind + 1) & 0xfffff;
        return String.format("@%05x", nextAutobind);
    }
}
