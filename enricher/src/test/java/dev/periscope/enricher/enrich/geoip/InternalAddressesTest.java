package dev.periscope.enricher.enrich.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.config.CidrBlock;

class InternalAddressesTest {

    @ParameterizedTest(name = "{0} internal={1}")
    @CsvSource({
            "0.0.0.0, true", "10.0.0.0, true", "10.255.255.255, true", "11.0.0.1, false",
            "100.63.255.255, false", "100.64.0.1, true", "100.127.255.255, true", "100.128.0.0, false",
            "127.0.0.1, true", "169.254.169.254, true", "169.255.0.1, false",
            "172.15.255.255, false", "172.16.0.0, true", "172.31.255.255, true", "172.32.0.0, false",
            "192.168.1.1, true", "192.169.0.1, false", "8.8.8.8, false", "81.2.69.142, false",
            "::, true", "::1, true", "::2, false", "fc00::1, true", "fdff:ffff::1, true", "fe00::1, false",
            "fe80::1, true", "febf::1, true", "fec0::1, false", "2001:db8::1, false",
            "::ffff:10.0.0.1, true", "::ffff:8.8.8.8, false"})
    void ranges(String address, boolean internal) {
        assertThat(InternalAddresses.isInternal(CidrBlock.parseAddress(address))).isEqualTo(internal);
    }
}
