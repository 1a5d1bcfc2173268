package dev.periscope.enricher.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowsTest {

    @Test
    void slidingCountsKeepAnEventForAtLeastTheWindowAndAtMostOneSlotMore() {
        SlidingCounts counts = new SlidingCounts(60_000, 1);
        counts.add(1_000_000, 0, 1);
        assertThat(counts.sum(1_000_000 + 59_999, 0)).isEqualTo(1);
        assertThat(counts.sum(1_000_000 + 65_000, 0)).isZero();
    }

    @Test
    void slidingCountsIgnoreEventsOlderThanTheRing() {
        SlidingCounts counts = new SlidingCounts(60_000, 2);
        counts.add(1_000_000, 0, 1);
        counts.add(1_000_000 - 120_000, 0, 5);
        counts.add(1_000_000, 1, 3);
        assertThat(counts.sum(1_000_000, 0)).isEqualTo(1);
        assertThat(counts.sum(1_000_000, 1)).isEqualTo(3);
    }

    @Test
    void distinctWindowCapsAtItsCapacityAndExpires() {
        DistinctWindow window = new DistinctWindow(3);
        assertThat(window.observe(1, 0, 1000)).isEqualTo(1);
        assertThat(window.observe(1, 10, 1000)).isEqualTo(1);
        assertThat(window.observe(2, 20, 1000)).isEqualTo(2);
        assertThat(window.observe(3, 30, 1000)).isEqualTo(3);
        assertThat(window.observe(4, 40, 1000)).as("capped").isEqualTo(3);
        assertThat(window.observe(5, 1015, 1000)).as("1 (refreshed at 10) and 2 still in, 3 too").isEqualTo(3);
        assertThat(window.observe(6, 2000, 1000)).as("only 5 (seen at 1015) is left, plus 6").isEqualTo(2);
        assertThat(window.observe(7, 2015, 1000)).as("5 left the window at 2015").isEqualTo(2);
    }

    @Test
    void distinctWindowGrowsItsArraysOnlyAsValuesArrive() {
        DistinctWindow window = new DistinctWindow(128);
        assertThat(window.allocatedSlots()).as("a key that saw one value costs two slots").isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            window.observe(i, 0, 1000);
        }
        assertThat(window.allocatedSlots()).isEqualTo(8);
        for (int i = 0; i < 500; i++) {
            window.observe(i, 0, 1000);
        }
        assertThat(window.allocatedSlots()).as("never beyond the capacity").isEqualTo(128);
        assertThat(window.observe(999, 0, 1000)).isEqualTo(128);
    }

    @Test
    void hostingAsnsParseBothSpellings() {
        HostingAsns asns = new HostingAsns(java.util.Set.of(64500L), java.util.Set.of(13335L));
        assertThat(asns.contains("16509")).isTrue();
        assertThat(asns.contains("AS16509")).isTrue();
        assertThat(asns.contains("as64500")).isTrue();
        assertThat(asns.contains("13335")).as("trusted egress removes it").isFalse();
        assertThat(asns.contains("")).isFalse();
        assertThat(asns.contains("AS")).isFalse();
        assertThat(asns.contains("16509x")).isFalse();
        assertThat(asns.contains("99999999999999")).isFalse();
    }
}
