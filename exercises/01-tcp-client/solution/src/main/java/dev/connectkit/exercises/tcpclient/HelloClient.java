package dev.connectkit.exercises.tcpclient;

import dev.connectkit.posix.ErrnoException;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.Sockets;

import java.nio.charset.StandardCharsets;

import static dev.connectkit.posix.AddressFamily.AF_INET;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;

/** Exercise 01, reference solution. */
public final class HelloClient {
    private HelloClient() {
    }

    public static int sendHello(Sockets sockets, SockAddr.In server, String message) throws ErrnoException {
        int sockfd = sockets.socket(AF_INET, SOCK_STREAM);
        try {
            sockets.connect(sockfd, server);
            return sockets.send(sockfd, message.getBytes(StandardCharsets.UTF_8));
        } finally {
            sockets.close(sockfd);
        }
    }
}
