/*
 * The C reference for connectkit's fan-out benchmark: non-blocking connect() + epoll, and a blocking
 * connect()+close() loop for the per-call cost. Loopback only.
 *
 *   fanout fanout HOST REFUSE_PORT SILENT_PORT N TIMEOUT_MS WINDOW ACCEPT_PORT...
 *       prints: connected refused timedout micros answered_micros
 *       (answered_micros: until the last connection that got an answer, accepted or refused, was settled)
 *   fanout percall HOST PORT N
 *       prints: micros
 *
 * Built as a shared library too (cc -shared -fPIC), the JMH benchmark calls connectkit_connect_close() in the
 * JVM's own process: the C loop measured in the same run as the Java layers.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_micros(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static struct sockaddr_in address(const char *host, int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short) port);
    inet_pton(AF_INET, host, &a.sin_addr);
    return a;
}

/* Closes with RST (SO_LINGER 0), so no TIME_WAIT piles up. */
static void abortive_close(int fd) {
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

/* The same mix as the Java variants: every 20th target silent, the next refused, the rest spread over the
 * accepting listeners. */
static int port_for(int i, const int *accept_ports, int accepting, int refuse_port, int silent_port) {
    return i % 20 == 0 ? silent_port : i % 20 == 1 ? refuse_port : accept_ports[i % accepting];
}

static int fanout(const char *host, const int *ap, int accepting, int rp, int sp, int n, int timeout_ms,
                  int window) {
    int ep = epoll_create1(0);
    long long *deadline = calloc((size_t) 1 << 20, sizeof *deadline);
    int connected = 0, refused = 0, timedout = 0, started = 0, done = 0, in_flight = 0, maxfd = 0;
    long long start = now_micros(), answered = start;
    struct epoll_event events[256];
    while (done < n) {
        while (started < n && in_flight < window) {
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            struct sockaddr_in a = address(host, port_for(started, ap, accepting, rp, sp));
            started++;
            if (connect(fd, (struct sockaddr *) &a, sizeof a) == 0) {
                connected++; done++; answered = now_micros(); abortive_close(fd); continue;
            }
            if (errno != EINPROGRESS) {
                refused++; done++; answered = now_micros(); close(fd); continue;
            }
            struct epoll_event ev = {.events = EPOLLOUT, .data.fd = fd};
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            deadline[fd] = now_micros() + (long long) timeout_ms * 1000;
            if (fd > maxfd) maxfd = fd;
            in_flight++;
        }
        int ready = epoll_wait(ep, events, 256, 10);
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd, err = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err == 0) connected++; else refused++;
            answered = now_micros();
            epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
            deadline[fd] = 0;
            abortive_close(fd);
            in_flight--; done++;
        }
        long long t = now_micros();
        for (int fd = 0; fd <= maxfd && in_flight > 0; fd++) {
            if (deadline[fd] != 0 && deadline[fd] <= t) {
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                deadline[fd] = 0;
                close(fd);
                timedout++; in_flight--; done++;
            }
        }
    }
    printf("%d %d %d %lld %lld\n", connected, refused, timedout, now_micros() - start, answered - start);
    free(deadline);
    close(ep);
    return 0;
}

/* n blocking connect()+close() to 127.0.0.1:port; 0, or the errno of the first failure. */
int connectkit_connect_close(int port, int n) {
    struct sockaddr_in a = address("127.0.0.1", port);
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return errno;
        if (connect(fd, (struct sockaddr *) &a, sizeof a) != 0) {
            int e = errno;
            close(fd);
            return e;
        }
        abortive_close(fd);
    }
    return 0;
}

static int percall(const char *host, int port, int n) {
    (void) host;
    long long start = now_micros();
    int e = connectkit_connect_close(port, n);
    if (e != 0) {
        fprintf(stderr, "connect: %s\n", strerror(e));
        return 1;
    }
    printf("%lld\n", now_micros() - start);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 9 && argc <= 24 && strcmp(argv[1], "fanout") == 0) {
        int accept_ports[16], accepting = argc - 8;
        for (int i = 0; i < accepting; i++) accept_ports[i] = atoi(argv[8 + i]);
        return fanout(argv[2], accept_ports, accepting, atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]),
                      atoi(argv[7]));
    }
    if (argc == 5 && strcmp(argv[1], "percall") == 0) {
        return percall(argv[2], atoi(argv[3]), atoi(argv[4]));
    }
    fprintf(stderr, "usage: fanout fanout HOST REFUSE SILENT N TIMEOUT_MS WINDOW ACCEPT... | fanout percall HOST PORT N\n");
    return 2;
}
