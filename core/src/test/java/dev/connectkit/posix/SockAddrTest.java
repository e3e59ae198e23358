package dev.connectkit.posix;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("socket addresses")
class SockAddrTest {

    @Test
    @DisplayName("parse IPv4 and IPv6 literals and localhost without a resolver")
    void parseLiterals() {
        assertThat(SockAddr.parse("127.0.0.1", 8080)).hasToString("127.0.0.1:8080");
        assertThat(SockAddr.parse("localhost", 80)).isEqualTo(SockAddr.loopback(80));
        assertThat(SockAddr.parse("::1", 9)).hasToString("[::1]:9");
        assertThat(SockAddr.parse("[::1]", 9)).isEqualTo(SockAddr.loopback6(9));
        assertThat(SockAddr.parse("2001:db8::7", 1)).hasToString("[2001:db8::7]:1");
        assertThat(SockAddr.parse("::ffff:127.0.0.1", 1).family()).isEqualTo(AddressFamily.AF_INET6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.0.0.1", "example.com", "1.2.3", "::zz", ""})
    @DisplayName("reject anything that is not a literal, with a one-line reason")
    void rejectNonLiterals(String host) {
        assertThatThrownBy(() -> SockAddr.parse(host, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(host).hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("reject ports outside 0-65535")
    void rejectBadPorts() {
        assertThatThrownBy(() -> SockAddr.loopback(65536)).hasMessage("port out of range 0-65535: 65536");
        assertThatThrownBy(() -> SockAddr.loopback(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("name the family each C structure carries")
    void families() {
        assertThat(SockAddr.unspec().family()).isEqualTo(AddressFamily.AF_UNSPEC);
        assertThat(SockAddr.unix("/tmp/x").family()).isEqualTo(AddressFamily.AF_UNIX);
        assertThat(SockAddr.unix("").unnamed()).isTrue();
    }
}
