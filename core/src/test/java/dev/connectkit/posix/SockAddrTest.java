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

    @Test
    @DisplayName("refuse a null address or path, with a one-line reason")
    void rejectNull() {
        assertThatThrownBy(() -> new SockAddr.In(null, 80)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> new SockAddr.In6(null, 80)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> new SockAddr.Un(null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    @DisplayName("take an AF_UNIX path of up to 108 bytes of UTF-8 (sun_path), counting bytes, not characters")
    void unixPathLimit() {
        assertThat(SockAddr.unix("/" + "a".repeat(107)).path()).hasSize(108);
        assertThatThrownBy(() -> SockAddr.unix("/" + "a".repeat(108))).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("an AF_UNIX path has at most 108 bytes (sun_path), this one has 109");
        // 36 characters of three bytes each: 108 bytes, allowed; one more character is 111 bytes.
        assertThat(SockAddr.unix("套".repeat(36)).path()).hasSize(36);
        assertThatThrownBy(() -> SockAddr.unix("套".repeat(37))).hasMessageEndingWith("this one has 111");
    }
}
