package dev.periscope.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrBlockTest {

    @Test
    void ipv4NetworksMatchTheirAddressesOnly() {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");
        assertThat(block.contains("10.1.0.0")).isTrue();
        assertThat(block.contains("10.1.255.255")).isTrue();
        assertThat(block.contains("10.2.0.1")).isFalse();
        assertThat(block.contains("9.255.255.255")).isFalse();
    }

    @Test
    void prefixesThatAreNotByteAlignedMaskTheRightBits() {
        CidrBlock block = CidrBlock.parse("192.168.4.0/22");
        assertThat(block.contains("192.168.4.1")).isTrue();
        assertThat(block.contains("192.168.7.254")).isTrue();
        assertThat(block.contains("192.168.8.0")).isFalse();
        assertThat(block.contains("192.168.3.255")).isFalse();
    }

    @Test
    void hostBitsAreClearedLikeGo() {
        CidrBlock block = CidrBlock.parse("10.1.2.3/8");
        assertThat(block).hasToString("10.0.0.0/8");
        assertThat(block.contains("10.200.0.1")).isTrue();
    }

    @Test
    void ipv6NetworksMatchIpv6AddressesInAnyNotation() {
        CidrBlock block = CidrBlock.parse("2001:db8::/32");
        assertThat(block.isIpv6()).isTrue();
        assertThat(block.contains("2001:db8::1")).isTrue();
        assertThat(block.contains("2001:0db8:ffff:0000:0000:0000:0000:0001")).isTrue();
        assertThat(block.contains("[2001:db8::7]")).isTrue();
        assertThat(block.contains("fe80::1%eth0")).isFalse();
        assertThat(block.contains("2001:db9::1")).isFalse();
        assertThat(block).hasToString("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void familiesNeverMatchEachOtherButMappedIpv4IsIpv4() {
        assertThat(CidrBlock.parse("0.0.0.0/0").contains("::1")).isFalse();
        assertThat(CidrBlock.parse("::/0").contains("127.0.0.1")).isFalse();
        assertThat(CidrBlock.parse("10.0.0.0/8").contains("::ffff:10.9.8.7")).isTrue();
    }

    @Test
    void zeroAndFullPrefixesWork() {
        assertThat(CidrBlock.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(CidrBlock.parse("203.0.113.9/32").contains("203.0.113.9")).isTrue();
        assertThat(CidrBlock.parse("203.0.113.9/32").contains("203.0.113.8")).isFalse();
        assertThat(CidrBlock.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0/8", "10.0.0.256/8", "::/129",
            "example.com/8", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/ 8", "2001:db8::g/32", ".:1/8"})
    void malformedCidrsAreRejectedWithAReason(String text) {
        assertThatThrownBy(() -> CidrBlock.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "abc", "1.2.3", "1.2.3.4.5", "1.2.3.400", "1..2.3",
            "12345", "unix:/var/run/envoy.sock", "-1.2.3.4"})
    void textThatIsNotAnIpLiteralIsNeverResolved(String text) {
        assertThat(CidrBlock.parseAddress(text)).isNull();
    }

    @Test
    void parsesLiteralsWithoutLookups() {
        assertThat(CidrBlock.parseAddress("203.0.113.7")).containsExactly(203, 0, 113, 7);
        assertThat(CidrBlock.parseAddress("::1")).hasSize(16);
        assertThat(CidrBlock.parseAddress(null)).isNull();
    }

    @Test
    void equalNetworksAreEqual() {
        assertThat(CidrBlock.parse("10.1.2.3/8")).isEqualTo(CidrBlock.parse("10.0.0.0/8"))
                .hasSameHashCodeAs(CidrBlock.parse("10.0.0.0/8"));
    }
}
