package dev.connectkit.claims;

import dev.connectkit.posix.SockAddr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.connectkit.posix.AddressFamily.AF_UNIX;
import static dev.connectkit.posix.SocketType.SOCK_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S-02 on Linux: POSIX binds an AF_UNIX socket in connect() too, to an address that need not be unused; Linux
 * leaves the client unnamed, unless SO_PASSCRED is set, and then it autobinds the client to an abstract name of
 * five hexadecimal digits (unix(7), "Autobind feature").
 */
@DisplayName("claim: with SO_PASSCRED, Linux autobinds an AF_UNIX client to an abstract name (S-02)")
class UnixAutobindTest extends OnTheKernel {

    @Test
    @DisplayName("without SO_PASSCRED the client stays unnamed; with it, connect() gives it an abstract name")
    void passcredAutobinds(@TempDir Path dir) throws Exception {
        SockAddr.Un path = SockAddr.unix(dir.resolve("server.sock").toString());
        int listener = s.socket(AF_UNIX, SOCK_STREAM);
        int plain = s.socket(AF_UNIX, SOCK_STREAM);
        int passcred = s.socket(AF_UNIX, SOCK_STREAM);
        try {
            s.bind(listener, path);
            s.listen(listener, 4);

            s.connect(plain, path);
            assertThat(s.getsockname(plain)).as("Linux's default: the client is not bound, it stays unnamed")
                    .isEqualTo(SockAddr.unix(""));

            LinuxExtras.setsockopt(passcred, LinuxExtras.SOL_SOCKET, LinuxExtras.SO_PASSCRED, 1);
            s.connect(passcred, path);
            SockAddr name = s.getsockname(passcred);
            assertThat(name).as("with SO_PASSCRED connect() autobinds: an abstract name ('@' and 5 hex digits)")
                    .isInstanceOf(SockAddr.Un.class);
            assertThat(((SockAddr.Un) name).path()).matches("@[0-9a-f]{5}");

            int first = s.accept(listener);
            int second = s.accept(listener);
            assertThat(s.getpeername(second)).as("the server sees the autobound name as the client's").isEqualTo(name);
            s.close(first);
            s.close(second);
        } finally {
            s.close(plain);
            s.close(passcred);
            s.close(listener);
        }
    }
}
