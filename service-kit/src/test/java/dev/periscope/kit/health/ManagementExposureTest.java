package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.periscope.model.config.CidrBlock;

class ManagementExposureTest {
    /** A host with loopback, a private LAN address, a public address and IPv6 link-local + global addresses. */
    private static final Supplier<List<InetAddress>> HOST = () -> addresses("127.0.0.1", "::1", "10.1.2.3",
            "203.0.113.7", "fe80::1", "169.254.9.9", "2001:db8::5");

    @ParameterizedTest(name = "bind {0}, allowed [{1}] -> exposed [{2}]")
    @CsvSource(delimiter = '|', value = {
            // bind            | allowed CIDRs                         | exposed addresses
            "127.0.0.1         |                                       | ''",
            "::1               |                                       | ''",
            "localhost         |                                       | ''",
            "10.1.2.3          |                                       | 10.1.2.3",
            "10.1.2.3          | 10.0.0.0/8                            | ''",
            "10.1.2.3          | 192.168.0.0/16                        | 10.1.2.3",
            "0.0.0.0           |                                       | 10.1.2.3;203.0.113.7;2001:db8:0:0:0:0:0:5",
            "0.0.0.0           | 10.0.0.0/8                            | 203.0.113.7;2001:db8:0:0:0:0:0:5",
            "0.0.0.0           | 10.0.0.0/8;203.0.113.0/24;2001:db8::/32 | ''",
            "::                | 10.0.0.0/8;2001:db8::/32              | 203.0.113.7",
            "''                | 10.0.0.0/8;203.0.113.0/24             | 2001:db8:0:0:0:0:0:5",
            "203.0.113.7       | 10.0.0.0/8                            | 203.0.113.7",
    })
    void judgesEveryListeningAddressAgainstLoopbackAndTheAllowList(String bind, String allowed, String exposed) {
        ManagementExposure.Assessment assessment = ManagementExposure.assess(bind, cidrs(allowed), HOST);

        List<String> expected = exposed.isEmpty() ? List.of() : Arrays.asList(exposed.split(";"));
        assertThat(assessment.exposedAddresses()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(assessment.exposedBeyondAllowed()).isEqualTo(!expected.isEmpty());
    }

    @Test
    void anEmptyBindAddressMeansTheWildcard() {
        assertThat(ManagementExposure.assess("", List.of(), HOST).bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void aHostNameThatDoesNotResolveCountsAsExposed() {
        ManagementExposure.Assessment assessment = ManagementExposure.assess("no-such-host.invalid", List.of(), HOST);

        assertThat(assessment.exposedBeyondAllowed()).isTrue();
        assertThat(assessment.exposedAddresses()).containsExactly("no-such-host.invalid (unresolvable)");
    }

    @Test
    void aWildcardBindOnUnreadableAddressesCountsAsExposed() {
        ManagementExposure.Assessment assessment = ManagementExposure.assess("0.0.0.0",
                List.of(CidrBlock.parse("10.0.0.0/8")), List::of);

        assertThat(assessment.exposedBeyondAllowed()).isTrue();
        assertThat(assessment.exposedAddresses()).containsExactly("0.0.0.0 (local addresses unknown)");
    }

    @Test
    void invalidAllowListEntriesAreReportedAndAllowNothing() {
        List<String> invalid = new ArrayList<>();

        List<CidrBlock> blocks = ManagementExposure.parseAllowed(List.of("10.0.0.0/8", " ", "10.0.0.0", "lan/8"),
                invalid);

        assertThat(blocks).containsExactly(CidrBlock.parse("10.0.0.0/8"));
        assertThat(invalid).containsExactly("10.0.0.0", "lan/8");
    }

    @Test
    void theRealHostsAddressesIncludeLoopback() {
        assertThat(ManagementExposure.interfaceAddresses()).anyMatch(InetAddress::isLoopbackAddress);
        assertThat(ManagementExposure.assess("0.0.0.0", List.of(CidrBlock.parse("0.0.0.0/0"),
                CidrBlock.parse("::/0")), ManagementExposure::interfaceAddresses).exposedBeyondAllowed()).isFalse();
    }

    private static List<CidrBlock> cidrs(String list) {
        return list == null || list.isEmpty() ? List.of()
                : Arrays.stream(list.split(";")).map(CidrBlock::parse).toList();
    }

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(literal -> {
            try {
                return InetAddress.getByAddress(CidrBlock.parseAddress(literal));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
