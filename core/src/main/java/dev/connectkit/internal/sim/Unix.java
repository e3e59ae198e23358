package dev.connectkit.internal.sim;

import dev.connectkit.internal.sim.FileSystem.Lookup;
import dev.connectkit.internal.sim.UnixSocket.State;
import dev.connectkit.posix.Datagram;
import dev.connectkit.posix.Errno;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketType;
import dev.connectkit.sim.TraceEvent.Kind;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static dev.connectkit.posix.Errno.EAGAIN;
import static dev.connectkit.posix.Errno.ECONNREFUSED;
import static dev.connectkit.posix.Errno.ECONNRESET;
import static dev.connectkit.posix.Errno.EINTR;
import static dev.connectkit.posix.Errno.EINVAL;
import static dev.connectkit.posix.Errno.EISCONN;
import static dev.connectkit.posix.Errno.EMSGSIZE;
import static dev.connectkit.posix.Errno.ENOTCONN;
import static dev.connectkit.posix.Errno.EOPNOTSUPP;
import static dev.connectkit.posix.Errno.EPERM;
import static dev.connectkit.posix.Errno.EPIPE;
import static dev.connectkit.posix.Errno.EPROTOTYPE;

/**
 * AF_UNIX on a simulated host, as Linux's {@code net/unix/af_unix.c} does it: names in the host's
 * {@link FileSystem}, a stream connect() that completes at once or waits for room (S-02: no implicit bind, no
 * pending state), and datagram sockets whose peer may refuse strangers (EPERM). Nothing crosses the network:
 * delivery takes no time.
 */
final class Unix {
    /** Linux's default send buffer: what one stream queues for its reader before the writer waits. */
    private static final int STREAM_BUFFER = 212_992;
    /** net.unix.max_dgram_qlen: datagrams a socket queues before senders wait. */
    private static final int MAX_DGRAM_QLEN = 10;

    private final Network net;

    Unix(Network net) {
        this.net = net;
    }

    UnixSocket open(Host host, SocketType type) {
        return new UnixSocket(net.newSocketId(), host, type);
    }

    void bind(Call c, UnixSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (!(addr instanceof SockAddr.Un un) || addrlen > Addresses.SOCKADDR_UN_SIZE) {
            throw c.fail(EINVAL);
        }
        if (un.unnamed()) {
            if (s.name == null) {
                // Only the family: Linux gives the socket an abstract name of its own (unix_autobind()).
                s.name = SockAddr.unix(s.host.nextAbstractName());
            }
            return;
        }
        FileSystem files = s.host.files;
        Errno why = files.creatable(un.path());
        if (why != null) {
            throw c.fail(why);
        }
        if (s.name != null) {
            throw c.fail(EINVAL); // bound already
        }
        files.bind(un.path(), s);
        s.name = un;
    }

    void listen(Call c, UnixSocket s, int backlog) throws ErrnoException {
        if (!s.stream()) {
            throw c.fail(EOPNOTSUPP);
        }
        if (s.name == null || s.state() == State.CONNECTED) {
            throw c.fail(EINVAL); // a listener needs a name, and must not be connected
        }
        if (s.state() == State.UNCONNECTED) {
            s.become(State.LISTENING);
        }
        s.backlog = backlog;
    }

    UnixSocket accept(Call c, UnixSocket s) throws ErrnoException {
        if (!s.stream()) {
            throw c.fail(EOPNOTSUPP);
        }
        if (s.state() != State.LISTENING) {
            throw c.fail(EINVAL);
        }
        if (s.acceptQueue.isEmpty()) {
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> !s.acceptQueue.isEmpty() || s.released()) == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
        return s.acceptQueue.poll();
    }

    // ---- connect ----

    void connect(Call c, UnixSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (!s.stream()) {
            connectDatagram(c, s, addr, addrlen);
            return;
        }
        Name name = validName(c, addr, addrlen);
        while (true) {
            UnixSocket target = find(c, s, name);
            if (target.state() != State.LISTENING || target.readShut()) {
                throw c.fail(ECONNREFUSED);
            }
            if (target.acceptQueue.size() > target.backlog) {
                // An AF_UNIX stream connect has no pending state: it fails with EAGAIN, or waits for room.
                if (s.nonBlocking()) {
                    throw c.fail(EAGAIN);
                }
                if (await(c, () -> target.released() || target.acceptQueue.size() <= target.backlog)
                        == Scheduler.Wake.SIGNAL) {
                    throw c.fail(EINTR);
                }
                continue; // look the name up again: the listener may have gone
            }
            if (s.state() != State.UNCONNECTED) {
                throw c.fail(s.state() == State.CONNECTED ? EISCONN : EINVAL);
            }
            UnixSocket child = new UnixSocket(net.newSocketId(), target.host, SocketType.SOCK_STREAM);
            child.inheritOptions(target);
            child.name = target.name;
            child.peer = s;
            child.become(State.CONNECTED);
            s.peer = child;
            s.become(State.CONNECTED);
            target.acceptQueue.add(child);
            SockAddr.Un client = s.shownName();
            SimSocket.Label label = s.label;
            net.record(s.host, Kind.STATE, () -> label + " connected to " + name + " from " + client
                    + " (queued for accept())");
            return;
        }
    }

    /** A datagram connect(): it sets the peer, which must not be connected to someone else (EPERM). */
    private void connectDatagram(Call c, UnixSocket s, SockAddr addr, int addrlen) throws ErrnoException {
        if (addrlen < Addresses.SA_FAMILY_SIZE) {
            throw c.fail(EINVAL); // unix_dgram_connect(): too short to hold even the family
        }
        if (addr instanceof SockAddr.Unspec) {
            s.peer = null; // S-06: the association is dissolved; the socket keeps its own name
            return;
        }
        UnixSocket target = find(c, s, validName(c, addr, addrlen));
        if (target.peer != null && target.peer != s) {
            throw c.fail(EPERM);
        }
        s.peer = target; // S-02: no implicit bind; the socket stays unnamed
    }

    /**
     * {@code unix_validate_addr()}: an AF_UNIX address of a length that holds more than the family. The name is
     * what the kernel reads of it: the first {@code addrlen - 2} bytes of {@code sun_path}, which the kit pads
     * with zeros past the path and its NUL ({@code unix_mkname_bsd()} ends the path there). A {@code sun_path}
     * starting with a zero (the unnamed address, given a longer length) is an abstract name.
     */
    private static Name validName(Call c, SockAddr addr, int addrlen) throws ErrnoException {
        if (addrlen <= Addresses.SA_FAMILY_SIZE || addrlen > Addresses.SOCKADDR_UN_SIZE
                || !(addr instanceof SockAddr.Un un)) {
            throw c.fail(EINVAL);
        }
        if (un.unnamed()) {
            return new Name.Abstract(addrlen - Addresses.SA_FAMILY_SIZE);
        }
        byte[] path = un.path().getBytes(StandardCharsets.UTF_8);
        int read = Math.min(path.length, addrlen - Addresses.SA_FAMILY_SIZE);
        return new Name.Path(read == path.length ? un
                : SockAddr.unix(new String(path, 0, read, StandardCharsets.UTF_8)));
    }

    /** A name connect() or sendto() looks up: a path in the file system, or an abstract name. */
    private sealed interface Name {
        /** A path, as far as the address's length reaches. */
        record Path(SockAddr.Un address) implements Name {
            @Override
            public String toString() {
                return address.toString();
            }
        }

        /** An abstract name of {@code length} zero bytes: only unix_autobind() names sockets so in the kit. */
        record Abstract(int length) implements Name {
            @Override
            public String toString() {
                return "unix:@(" + length + " zero bytes)";
            }
        }
    }

    /** The socket bound at {@code name}, as {@code unix_find_bsd()} and {@code unix_find_abstract()} find it. */
    private static UnixSocket find(Call c, UnixSocket s, Name name) throws ErrnoException {
        return switch (name) {
            // no socket bears an abstract name made of zeros: autobind names are five hexadecimal digits
            case Name.Abstract ignored -> throw c.fail(ECONNREFUSED);
            case Name.Path path -> switch (s.host.files.lookup(path.address().path())) {
                case Lookup.Missing missing -> throw c.fail(missing.errno());
                case Lookup.Found found -> switch (found.node()) {
                    case FileSystem.Directory ignored -> throw c.fail(ECONNREFUSED); // a name, but not a socket
                    case FileSystem.RegularFile ignored -> throw c.fail(ECONNREFUSED);
                    case FileSystem.SocketFile file -> {
                        UnixSocket target = file.socket();
                        if (target == null) {
                            throw c.fail(ECONNREFUSED); // the socket file of a closed socket
                        }
                        if (target.type != s.type) {
                            throw c.fail(EPROTOTYPE);
                        }
                        yield target;
                    }
                };
            };
        };
    }

    // ---- data ----

    int send(Call c, UnixSocket s, byte[] data, SockAddr to, int tolen) throws ErrnoException {
        return s.stream() ? sendStream(c, s, data, to) : sendDatagram(c, s, data, to, tolen);
    }

    private int sendStream(Call c, UnixSocket s, byte[] data, SockAddr to) throws ErrnoException {
        if (to != null) {
            throw c.fail(s.state() == State.CONNECTED ? EISCONN : EOPNOTSUPP);
        }
        if (s.state() != State.CONNECTED || s.peer == null) {
            throw c.fail(ENOTCONN);
        }
        while (true) {
            UnixSocket r = s.peer;
            if (s.writeShut() || r.released() || r.readShut()) {
                throw c.fail(EPIPE);
            }
            int room = STREAM_BUFFER - r.inbound.size();
            if (room > 0) {
                byte[] bytes = Arrays.copyOf(data, Math.min(room, data.length));
                r.inbound.add(bytes);
                return bytes.length;
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> r.inbound.size() < STREAM_BUFFER || r.released() || r.readShut())
                    == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    /**
     * {@code unix_dgram_sendmsg()}, its checks in the order of Linux 6.18: the address, the size, the sender's own
     * error and shutdown ({@code sock_alloc_send_pskb()}), and only then the receiver, named or connected.
     */
    private int sendDatagram(Call c, UnixSocket s, byte[] data, SockAddr to, int tolen) throws ErrnoException {
        Name name = to != null ? validName(c, to, tolen) : null;
        if (data.length > STREAM_BUFFER - 32) {
            throw c.fail(EMSGSIZE);
        }
        var error = s.takeError();
        if (error.isPresent()) {
            throw c.fail(error.get());
        }
        if (s.writeShut()) {
            throw c.fail(EPIPE);
        }
        if (name == null && s.peer == null) {
            throw c.fail(ENOTCONN);
        }
        UnixSocket r = name != null ? find(c, s, name) : s.peer;
        while (true) {
            if (r.released()) {
                if (s.peer == r) {
                    s.peer = null; // reported once: the next send() gives ENOTCONN
                }
                throw c.fail(ECONNREFUSED);
            }
            if (r.peer != null && r.peer != s) {
                throw c.fail(EPERM); // the receiver is connected to someone else
            }
            if (r.readShut()) {
                throw c.fail(EPIPE);
            }
            if (r == s || r.peer == s || r.datagrams.size() <= MAX_DGRAM_QLEN) {
                r.datagrams.add(new Datagram(data.clone(), senderName(s)));
                return data.length;
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            UnixSocket receiver = r;
            if (await(c, () -> receiver.datagrams.size() <= MAX_DGRAM_QLEN || receiver.released())
                    == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    /** recv()/recvfrom(): up to {@code max} bytes, and who sent them. */
    Datagram receive(Call c, UnixSocket s, int max) throws ErrnoException {
        if (s.stream() && s.state() != State.CONNECTED) {
            throw c.fail(EINVAL);
        }
        while (true) {
            if (s.stream() && !s.inbound.isEmpty()) {
                byte[] buffer = new byte[Math.min(max, s.inbound.size())];
                int n = s.inbound.take(buffer);
                return new Datagram(Arrays.copyOf(buffer, n), senderName(s.peer));
            }
            var error = s.takeError();
            if (error.isPresent()) {
                throw c.fail(error.get());
            }
            if (!s.stream() && !s.datagrams.isEmpty()) {
                Datagram d = s.datagrams.poll();
                return d.data().length <= max ? d : new Datagram(Arrays.copyOf(d.data(), max), d.from());
            }
            if (s.nonBlocking() && !s.stream()) {
                throw c.fail(EAGAIN); // __skb_recv_datagram() looks at the shutdown only when it would wait
            }
            if (s.readShut()) {
                return new Datagram(new byte[0], SockAddr.unspec());
            }
            if (s.nonBlocking()) {
                throw c.fail(EAGAIN);
            }
            if (await(c, () -> !s.inbound.isEmpty() || !s.datagrams.isEmpty() || s.hasError() || s.readShut())
                    == Scheduler.Wake.SIGNAL) {
                throw c.fail(EINTR);
            }
        }
    }

    /** The address recvfrom() gives for {@code sender}: its name, or none at all if it is unnamed (Linux). */
    private static SockAddr senderName(UnixSocket sender) {
        return sender.name != null ? sender.name : SockAddr.unspec();
    }

    // ---- shutdown and close ----

    /** shutdown(): never ENOTCONN on AF_UNIX; a stream's other end sees the mirror image. */
    void shutdown(UnixSocket s, boolean read, boolean write) {
        s.shut(read, write);
        if (s.stream() && s.peer != null) {
            s.peer.shut(write, read);
        }
    }

    void close(UnixSocket s) {
        s.release();
        s.shut(true, true);
        if (s.name != null && !s.name.path().startsWith("@")) {
            s.host.files.closed(s.name.path(), s); // the file stays; connecting to it is refused
        }
        for (UnixSocket embryo : s.acceptQueue) {
            hangUp(embryo, true); // queued connections are reset
        }
        s.acceptQueue.clear();
        if (s.stream() && s.peer != null) {
            hangUp(s, !s.inbound.isEmpty());
        }
        s.inbound.clear();
        s.datagrams.clear();
    }

    /** {@code s} goes away: its stream peer can neither read nor write any more, and sees ECONNRESET if data was lost. */
    private static void hangUp(UnixSocket s, boolean lost) {
        s.release();
        UnixSocket other = s.peer;
        if (other != null && !other.released()) {
            other.shut(true, true);
            if (lost) {
                other.error(ECONNRESET);
            }
        }
    }

    // ---- names and readiness ----

    SockAddr peerName(Call c, UnixSocket s) throws ErrnoException {
        boolean connected = s.stream() ? s.state() == State.CONNECTED : s.peer != null;
        if (!connected || s.peer == null) {
            throw c.fail(ENOTCONN);
        }
        return s.peer.shownName();
    }

    /** What poll() reports, as Linux's {@code unix_poll()} and {@code unix_dgram_poll()} compute it. */
    Set<PollEvent> poll(UnixSocket s) {
        Set<PollEvent> ready = EnumSet.noneOf(PollEvent.class);
        if (s.hasError()) {
            ready.add(PollEvent.POLLERR);
        }
        if (s.fullyShut() || (s.stream() && s.state() == State.UNCONNECTED)) {
            ready.add(PollEvent.POLLHUP);
        }
        if (s.readShut() || !s.inbound.isEmpty() || !s.datagrams.isEmpty() || !s.acceptQueue.isEmpty()) {
            ready.add(PollEvent.POLLIN);
        }
        if (s.state() != State.LISTENING && writable(s)) {
            ready.add(PollEvent.POLLOUT);
        }
        return ready;
    }

    private static boolean writable(UnixSocket s) {
        UnixSocket r = s.peer;
        if (r == null) {
            return true;
        }
        return s.stream() ? r.inbound.size() < STREAM_BUFFER
                : r.peer == s || r.datagrams.size() <= MAX_DGRAM_QLEN;
    }

    private Scheduler.Wake await(Call c, BooleanSupplier done) {
        return net.scheduler.await(c.toString(), done, Scheduler.FOREVER);
    }
}
