package dev.periscope.enricher.enrich.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.periscope.enricher.enrich.threatintel.FeedParser.ParsedFeed;
import dev.periscope.model.config.CidrBlock;

class FeedParserTest {

    @ParameterizedTest(name = "''{0}'' valid={1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7|true", "203.0.113.0/24|true", "0.0.0.0/0|true", "2001:db8::/32|true", "::/0|true",
            "::1|true", "::ffff:10.0.0.0/104|true",
            "203.0.113.0/33|false", "2001:db8::/129|false", "203.0.113.0/|false", "203.0.113.0/abc|false",
            "203.0.113.0/-1|false", "203.0.113.0/0024|false", "256.1.1.1|false", "1.2.3|false", "1.2.3.4.5|false",
            "example.com|false", "localhost|false", "1.2.3.4/24/8|false", "[2001:db8::1]|false",
            "fe80::1%eth0|false", "::ffff:10.0.0.0/64|false", "2001:db8::g|false"})
    void entries(String entry, boolean valid) {
        assertThat(FeedParser.addEntry(entry, new IpRanges.Builder())).isEqualTo(valid);
    }

    @Test
    void textWithCommentsBlankLinesTrailingNotesAndGarbage() {
        String text = """
                # Example feed, 2026-12-01
                203.0.113.0/24 ; SBL0001
                198.51.100.7   # a single host
                \t2001:db8::/32\r

                ;; a comment in the DROP style
                not-an-address
                300.1.1.1/8
                """;

        ParsedFeed parsed = FeedParser.parse(text);

        assertThat(parsed.entries()).isEqualTo(3);
        assertThat(parsed.invalid()).isEqualTo(2);
        assertThat(parsed.ranges().contains(CidrBlock.parseAddress("203.0.113.99"))).isTrue();
        assertThat(parsed.ranges().contains(CidrBlock.parseAddress("198.51.100.7"))).isTrue();
        assertThat(parsed.ranges().contains(CidrBlock.parseAddress("2001:db8:1::1"))).isTrue();
        assertThat(parsed.ranges().contains(CidrBlock.parseAddress("198.51.100.8"))).isFalse();
    }

    @Test
    void arrayEntriesAndElementsThatAreNotStrings() {
        ParsedFeed parsed = FeedParser.parse(Arrays.asList("192.0.2.1", "192.0.2.2 # note", 42, null, "bogus",
                "# only a comment", "192.0.2.3\n192.0.2.4"));

        assertThat(parsed.entries()).isEqualTo(4);
        assertThat(parsed.invalid()).isEqualTo(3); // 42, null, bogus
    }

    @Test
    void partsOfOneFeedAreJoined() {
        ParsedFeed parsed = FeedParser.parseParts(Arrays.asList("192.0.2.0/24", List.of("198.51.100.0/24"), null));

        assertThat(parsed.entries()).isEqualTo(2);
        assertThat(parsed.invalid()).isZero();
        assertThat(parsed.ranges().ipv4Ranges()).isEqualTo(2);
    }

    @Test
    void anEntriesValueOfTheWrongTypeIsOneInvalidEntry() {
        ParsedFeed parsed = FeedParser.parse(7);

        assertThat(parsed.entries()).isZero();
        assertThat(parsed.invalid()).isEqualTo(1);
    }
}
