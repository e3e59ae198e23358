package dev.connectkit.examples.tcpclient;

import dev.connectkit.examples.support.Narrator;
import dev.connectkit.lab.Loopback;
import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.nio.charset.StandardCharsets;

import static dev.connectkit.manpage.Statement.S_01;
import static dev.connectkit.manpage.Statement.S_07;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/** The seed's {@code main()}, line for line on the kit's POSIX API, with the errors handled. */
final class SendHello {
    private SendHello() {
    }

    static final String MESSAGE = "Hello, Server!";

    // tag::send-hello[]
    static void run(Sockets sockets, SockAddr destAddr, Narrator out) throws ErrnoException {
        int sockfd = out.call("socket(" + destAddr.family() + ", SOCK_STREAM, 0)",
                () -> sockets.socket(destAddr.family(), SOCK_STREAM));
        try {
            out.call("getsockname(" + sockfd + ")", () -> sockets.getsockname(sockfd));
            out.note("not bound yet: no local address or port");

            out.call(S_07, "connect(" + sockfd + ", " + destAddr + ")", () -> sockets.connect(sockfd, destAddr));
            out.println("Successfully connected to the server.");

            out.call(S_01, "getsockname(" + sockfd + ")", () -> sockets.getsockname(sockfd));
            out.note("connect() bound the socket: the kernel picked this ephemeral port");

            byte[] message = MESSAGE.getBytes(StandardCharsets.UTF_8);
            out.call("send(" + sockfd + ", \"" + MESSAGE + "\", " + message.length + ", 0)",
                    () -> sockets.send(sockfd, message));
            out.println("Hello message sent");
        } finally {
            // The seed's program exits without closing on an error; here the socket is closed on every path.
            out.call("close(" + sockfd + ")", () -> sockets.close(sockfd));
        }
    }
    // end::send-hello[]

    // tag::refused[]
    static void showRefused(Sockets sockets, Narrator out) throws ErrnoException {
        SockAddr.In nobody = Loopback.closedPort(sockets);
        int sockfd = out.call("socket(AF_INET, SOCK_STREAM, 0)", () -> sockets.socket(nobody.family(), SOCK_STREAM));
        try {
            out.call(S_07, "connect(" + sockfd + ", " + nobody + ")", () -> sockets.connect(sockfd, nobody));
        } catch (ErrnoException e) {
            out.note("the kernel's SYN was answered with RST: perror() would print \"Connection Failed: "
                    + e.errno().meaning() + "\"");
        } finally {
            out.call("close(" + sockfd + ")", () -> sockets.close(sockfd));
        }
    }
    // end::refused[]
}
