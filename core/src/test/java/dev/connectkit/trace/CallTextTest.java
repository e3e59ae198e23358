package dev.connectkit.trace;

import dev.connectkit.internal.Invocation;
import dev.connectkit.posix.PollEvent;
import dev.connectkit.posix.PollFd;
import dev.connectkit.posix.SockAddr;
import dev.connectkit.posix.SocketOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a call as strace prints it")
class CallTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:8080           | {AF_INET, 127.0.0.1:8080}     | 16",
            "[::1]:443                | {AF_INET6, [::1]:443}         | 28",
            "unix:/tmp/s              | {AF_UNIX, \"/tmp/s\"}          | 9",
            "unix:                    | {AF_UNIX}                     | 2",
            "AF_UNSPEC                | {AF_UNSPEC}                   | 16"})
    @DisplayName("an address in braces, with the length C passes for it")
    void addresses(String text, String shown, int length) {
        SockAddr address = switch (text) {
            case "AF_UNSPEC" -> SockAddr.unspec();
            case "unix:" -> SockAddr.unix("");
            default -> text.startsWith("unix:") ? SockAddr.unix(text.substring(5))
                    : text.startsWith("[") ? SockAddr.parse("::1", 443) : SockAddr.parse("127.0.0.1", 8080);
        };
        assertThat(CallText.sockaddr(address)).isEqualTo(shown);
        assertThat(CallText.sizeOf(address)).isEqualTo(length);
    }

    @Test
    @DisplayName("an AF_UNIX path of 108 bytes fills sun_path without a NUL: 110, not 111")
    void longestUnixPath() {
        assertThat(CallText.sizeOf(SockAddr.unix("p".repeat(108)))).isEqualTo(110);
        assertThat(CallText.sizeOf(SockAddr.unix("p".repeat(107)))).isEqualTo(110);
        assertThat(CallText.sizeOf(SockAddr.unix("套接字"))).as("UTF-8 bytes, not characters").isEqualTo(2 + 9 + 1);
    }

    @Test
    @DisplayName("data: printable ASCII as is, C escapes, octal for the rest, cut at 32 bytes with ...")
    void strings() {
        assertThat(CallText.string("Hello, Server!".getBytes(StandardCharsets.US_ASCII), 14))
                .isEqualTo("\"Hello, Server!\"");
        assertThat(CallText.string(new byte[] {'"', '\\', '\n', '\r', '\t', 0, 27, (byte) 0xff}, 8))
                .isEqualTo("\"\\\"\\\\\\n\\r\\t\\000\\033\\377\"");
        byte[] long40 = "0123456789012345678901234567890123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(CallText.string(long40, 40)).isEqualTo("\"01234567890123456789012345678901\"...");
        assertThat(CallText.string(long40, 3)).as("only the bytes the call returned").isEqualTo("\"012\"");
    }

    @Test
    @DisplayName("out-parameters after success, ... after a failure")
    void outParameters() {
        Invocation name = new Invocation.GetSockName(3);
        assertThat(CallText.call(name, SockAddr.loopback(40000), false))
                .isEqualTo("getsockname(3, {AF_INET, 127.0.0.1:40000}, [16])");
        assertThat(CallText.call(name, null, true)).isEqualTo("getsockname(3, ..., ...)");
        assertThat(CallText.returned(name, null, true)).isEqualTo("-1");
    }

    @Test
    @DisplayName("SO_ERROR is named as strace names it; other options stay numbers")
    void socketOptions() {
        Invocation soError = new Invocation.GetSockOpt(5, SocketOption.SO_ERROR);
        assertThat(CallText.call(soError, 111, false)).isEqualTo("getsockopt(5, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4])");
        assertThat(CallText.call(soError, 0, false)).isEqualTo("getsockopt(5, SOL_SOCKET, SO_ERROR, [0], [4])");
        assertThat(CallText.call(new Invocation.SetSockOpt(5, SocketOption.TCP_SYNCNT, 1), null, false))
                .isEqualTo("setsockopt(5, SOL_TCP, TCP_SYNCNT, [1], 4)");
    }

    @Test
    @DisplayName("poll: the entries, (Timeout) when none is ready, the revents of those that are")
    void poll() {
        Invocation poll = new Invocation.Poll(List.of(PollFd.writable(3), PollFd.readable(4)), 200);
        assertThat(CallText.call(poll, List.of(Set.of(), Set.of()), false))
                .isEqualTo("poll([{fd=3, events=POLLOUT}, {fd=4, events=POLLIN}], 2, 200)");
        assertThat(CallText.returned(poll, List.of(Set.of(), Set.of()), false)).isEqualTo("0");
        assertThat(CallText.detail(poll, List.of(Set.of(), Set.of()), false)).isEqualTo("(Timeout)");
        List<Set<PollEvent>> ready = List.of(EnumSet.of(PollEvent.POLLOUT, PollEvent.POLLERR, PollEvent.POLLHUP), Set.of());
        assertThat(CallText.returned(poll, ready, false)).isEqualTo("1");
        assertThat(CallText.detail(poll, ready, false)).isEqualTo("([{fd=3, revents=POLLOUT|POLLERR|POLLHUP}])");
    }

    @Test
    @DisplayName("fcntl and setitimer in strace's words; an explicit addrlen as given (unsigned, as socklen_t)")
    void flagsTimersAndLengths() {
        assertThat(CallText.call(new Invocation.SetNonBlocking(3, true), null, false))
                .isEqualTo("fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK)");
        assertThat(CallText.call(new Invocation.SetNonBlocking(3, false), null, false)).isEqualTo("fcntl(3, F_SETFL, O_RDWR)");
        assertThat(CallText.returned(new Invocation.IsNonBlocking(3), false, false)).isEqualTo("0x2");
        assertThat(CallText.call(new Invocation.Alarm(Duration.ofMillis(1_500)), null, false)).isEqualTo(
                "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=500000}}, NULL)");
        assertThat(CallText.call(new Invocation.Open(java.nio.file.Path.of("/etc/hostname")), 5, false))
                .isEqualTo("open(\"/etc/hostname\", O_RDONLY)");
        assertThat(CallText.call(new Invocation.Connect(3, SockAddr.loopback(9), -1), null, true))
                .isEqualTo("connect(3, {AF_INET, 127.0.0.1:9}, 4294967295)");
    }
}
