package dev.periscope.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressesTest {
    @ParameterizedTest(name = "{0} private={1}")
    @CsvSource({
            "10.0.0.1, true", "10.255.255.255, true", "172.16.0.1, true", "172.31.255.254, true",
            "172.32.0.1, false", "172.15.255.255, false", "192.168.1.10, true", "192.169.0.1, false",
            "100.64.0.1, true", "100.127.255.255, true", "100.128.0.1, false", "127.0.0.1, true",
            "169.254.169.254, true", "8.8.8.8, false", "203.0.113.7, false", "1.1.1.1, false",
            "::1, true", "fd00::1, true", "fc00::1, true", "fe80::1, true", "2001:db8::1, false",
            "2606:4700::1111, false", "::ffff:10.1.2.3, true", "::ffff:8.8.8.8, false",
            "'', false", "not-an-ip, false", "10.0.0, false"})
    void classifiesDownstreamAddresses(String ip, boolean expected) {
        assertThat(PrivateAddresses.isPrivate(ip)).isEqualTo(expected);
    }
}
