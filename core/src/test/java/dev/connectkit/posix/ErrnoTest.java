package dev.connectkit.posix;

import dev.connectkit.internal.libc.NativeSockets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("the Errno table")
class ErrnoTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Errno.class)
    @DisplayName("agrees with the running libc: the number's strerror() is the table's English meaning")
    void numberAndMeaningAgreeWithLibc(Errno errno) {
        assumeTrue(NativeSockets.unavailableReason().isEmpty(), () -> NativeSockets.unavailableReason().orElseThrow());
        assertThat(NativeSockets.strerror(errno.number()))
                .as("strerror(%d), the number the table gives %s", errno.number(), errno.name())
                .isEqualTo(errno.meaning());
    }

    @Test
    @DisplayName("has one constant per number, so forNumber() is unambiguous")
    void numbersAreUnique() {
        assertThat(Arrays.stream(Errno.values()).map(Errno::number).distinct().count())
                .isEqualTo(Errno.values().length);
        for (Errno errno : Errno.values()) {
            assertThat(Errno.forNumber(errno.number())).contains(errno);
        }
        assertThat(Errno.forNumber(4095)).isEmpty();
    }

    @Test
    @DisplayName("lists every errno the issue names for connect(), each with a Chinese meaning")
    void coversTheErrnosTheKitTeaches() {
        EnumSet<Errno> taught = EnumSet.of(Errno.EINPROGRESS, Errno.EALREADY, Errno.EISCONN, Errno.EINTR,
                Errno.ECONNREFUSED, Errno.ETIMEDOUT, Errno.EACCES, Errno.ENETUNREACH, Errno.EAFNOSUPPORT,
                Errno.EINVAL, Errno.EBADF);
        for (Errno errno : taught) {
            assertThat(errno.listedForConnect()).as("%s is listed for connect()", errno).isTrue();
        }
        for (Errno errno : Errno.values()) {
            assertThat(errno.meaningZh()).as("%s's Chinese meaning", errno).isNotBlank();
            assertThat(errno.whenConnect()).as("%s's connect() sentence", errno).isNotBlank();
        }
        assertThat(Errno.EINPROGRESS.sources()).contains(Errno.Source.SEED, Errno.Source.POSIX);
    }
}
