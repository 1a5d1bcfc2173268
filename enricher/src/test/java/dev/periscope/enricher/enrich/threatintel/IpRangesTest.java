package dev.periscope.enricher.enrich.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.periscope.model.config.CidrBlock;

/** The compiled range matcher, table-driven: entries in, probes and their expected membership. */
class IpRangesTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // single hosts
                Arguments.of(List.of("203.0.113.7"), "203.0.113.7", true),
                Arguments.of(List.of("203.0.113.7"), "203.0.113.8", false),
                Arguments.of(List.of("203.0.113.7/32"), "203.0.113.6", false),
                // CIDR edges
                Arguments.of(List.of("198.51.100.0/24"), "198.51.100.0", true),
                Arguments.of(List.of("198.51.100.0/24"), "198.51.100.255", true),
                Arguments.of(List.of("198.51.100.0/24"), "198.51.101.0", false),
                Arguments.of(List.of("198.51.100.0/24"), "198.51.99.255", false),
                // host bits are ignored
                Arguments.of(List.of("10.1.2.3/8"), "10.200.0.1", true),
                // /0 covers its family only
                Arguments.of(List.of("0.0.0.0/0"), "255.255.255.255", true),
                Arguments.of(List.of("0.0.0.0/0"), "0.0.0.0", true),
                Arguments.of(List.of("0.0.0.0/0"), "2001:db8::1", false),
                Arguments.of(List.of("::/0"), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
                Arguments.of(List.of("::/0"), "1.2.3.4", false),
                // top of the IPv4 space (unsigned handling)
                Arguments.of(List.of("255.255.255.255"), "255.255.255.255", true),
                Arguments.of(List.of("128.0.0.0/1"), "127.255.255.255", false),
                Arguments.of(List.of("128.0.0.0/1"), "128.0.0.0", true),
                // overlapping and nested ranges merge
                Arguments.of(List.of("10.0.0.0/16", "10.0.128.0/17", "10.0.5.5"), "10.0.200.1", true),
                Arguments.of(List.of("10.0.5.5", "10.0.0.0/16"), "10.1.0.0", false),
                Arguments.of(List.of("192.0.2.0/25", "192.0.2.128/25"), "192.0.2.200", true),
                Arguments.of(List.of("192.0.2.0/26", "192.0.2.192/26"), "192.0.2.100", false),
                // IPv6
                Arguments.of(List.of("2001:db8::/32"), "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
                Arguments.of(List.of("2001:db8::/32"), "2001:db9::", false),
                Arguments.of(List.of("2001:db8::/32"), "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false),
                Arguments.of(List.of("2001:db8::1/128"), "2001:db8::1", true),
                Arguments.of(List.of("2001:db8::1/128"), "2001:db8::2", false),
                Arguments.of(List.of("2001:db8:0:0:8000::/65"), "2001:db8::8000:0:0:1", true),
                Arguments.of(List.of("2001:db8:0:0:8000::/65"), "2001:db8::7fff:0:0:1", false),
                Arguments.of(List.of("2001:db8::/48", "2001:db8:0:1::/64", "2001:db8::/33"), "2001:db8:7fff::1",
                        true),
                Arguments.of(List.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff::/16"),
                        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
                // IPv4-mapped probes match IPv4 entries; mapped entries are IPv4 entries
                Arguments.of(List.of("203.0.113.0/24"), "::ffff:203.0.113.9", true),
                Arguments.of(List.of("::ffff:203.0.113.0/120"), "203.0.113.9", true),
                // empty set
                Arguments.of(List.of(), "1.2.3.4", false),
                Arguments.of(List.of(), "::1", false));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @MethodSource("table")
    void membership(List<String> entries, String probe, boolean expected) {
        IpRanges.Builder builder = new IpRanges.Builder();
        for (String entry : entries) {
            assertThat(FeedParser.addEntry(entry, builder)).as(entry).isTrue();
        }
        assertThat(builder.build().contains(CidrBlock.parseAddress(probe))).isEqualTo(expected);
    }

    @Test
    void overlappingAndAdjacentRangesAreMergedIntoDisjointOnes() {
        IpRanges.Builder builder = new IpRanges.Builder();
        for (String entry : List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25", "10.0.3.0/24", "2001:db8::/64",
                "2001:db8:0:1::/64", "2001:db8::1")) {
            FeedParser.addEntry(entry, builder);
        }
        IpRanges ranges = builder.build();
        assertThat(ranges.ipv4Ranges()).isEqualTo(2); // 10.0.0.0–10.0.1.255 and 10.0.3.0/24
        assertThat(ranges.ipv6Ranges()).isEqualTo(1);
        assertThat(ranges.contains(CidrBlock.parseAddress("10.0.2.1"))).isFalse();
    }

    @Test
    void aRandomSetAgreesWithALinearScan() {
        java.util.Random random = new java.util.Random(42);
        IpRanges.Builder builder = new IpRanges.Builder();
        List<CidrBlock> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String cidr = (random.nextInt(4) + 10) + "." + random.nextInt(256) + "." + random.nextInt(256) + ".0/"
                    + (16 + random.nextInt(17));
            blocks.add(CidrBlock.parse(cidr));
            FeedParser.addEntry(cidr, builder);
        }
        IpRanges ranges = builder.build();
        for (int i = 0; i < 20_000; i++) {
            String probe = (random.nextInt(5) + 10) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            boolean expected = blocks.stream().anyMatch(block -> block.contains(probe));
            assertThat(ranges.contains(CidrBlock.parseAddress(probe))).as(probe).isEqualTo(expected);
        }
    }

    @Test
    void aBigSetUsesTheSlash16IndexAndStillAgreesWithALinearScan() {
        java.util.Random random = new java.util.Random(4242);
        IpRanges.Builder builder = new IpRanges.Builder();
        List<CidrBlock> blocks = new java.util.ArrayList<>();
        List<String> probes = new java.util.ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String base = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            String cidr = base + "/" + (i % 50 == 0 ? 12 : 20 + random.nextInt(13)); // some span many /16s
            blocks.add(CidrBlock.parse(cidr));
            FeedParser.addEntry(cidr, builder);
            probes.add(base);
        }
        IpRanges ranges = builder.build();
        assertThat(ranges.ipv4Ranges()).isGreaterThanOrEqualTo(IpRanges.INDEX_THRESHOLD);
        for (int i = 0; i < 4_000; i++) {
            probes.add((1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256));
        }
        probes.addAll(List.of("0.0.0.0", "255.255.255.255", "1.0.0.0", "223.255.255.255"));
        for (String probe : probes) {
            boolean expected = blocks.stream().anyMatch(block -> block.contains(probe));
            assertThat(ranges.contains(CidrBlock.parseAddress(probe))).as(probe).isEqualTo(expected);
        }
    }
}
