package dev.connectkit.javamap;

import dev.connectkit.posix.Errno;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the errno-to-Java table read backwards")
class JavaErrorsTest {

    @Test
    @DisplayName("a SocketException with strerror()'s text is that errno, even without a row of its own (Net.c's default)")
    void netCsDefault() {
        assertThat(JavaErrors.errnoOf(new SocketException("Address family not supported by protocol")))
                .contains(Errno.EAFNOSUPPORT);
        assertThat(JavaErrors.errnoOf(new SocketException("Protocol wrong type for socket (connect failed)")))
                .contains(Errno.EPROTOTYPE);
        assertThat(JavaErrors.errnoOf(new java.io.IOException("Connection reset by peer")))
                .as("a write after a reset: IOException, not SocketException").contains(Errno.ECONNRESET);
    }

    @Test
    @DisplayName("a message that is no errno's text stays untranslated, so the backend reports it as a bug")
    void unknownStaysUnknown() {
        assertThat(JavaErrors.errnoOf(new SocketException("Can't connect to port 0"))).isEmpty();
    }
}
