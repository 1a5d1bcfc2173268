package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.config.PathNormalization;

class NormalizeGapDetectorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final NormalizeGapDetector detector = new NormalizeGapDetector(clock);
    private final PathTemplater templater = new PathTemplater(PathNormalization.defaults(), null, detector);

    private void request(String path) {
        templater.normalize("proj", "edge", "GET", path);
    }

    @Test
    void moreThan64DistinctLiteralLastSegmentsInAnHourSuggestARule() {
        for (int i = 0; i < 64; i++) {
            request("/catalog/items/SKU." + i);
        }
        assertThat(detector.drain()).isEmpty();
        request("/catalog/items/SKU.0"); // a repeat is not distinct
        assertThat(detector.drain()).isEmpty();
        request("/catalog/items/SKU.64");
        NormalizeGap gap = detector.drain().get(0);
        assertThat(gap.projectId()).isEqualTo("proj");
        assertThat(gap.prefix()).isEqualTo("/catalog/items");
        assertThat(gap.distinctLiterals()).isEqualTo(65);
        assertThat(gap.samples()).containsExactly("SKU.0", "SKU.1", "SKU.2");
        assertThat(gap.windowStart()).isEqualTo(clock.instant());
        // once per window
        request("/catalog/items/SKU.65");
        assertThat(detector.drain()).isEmpty();
        assertThat(detector.detected()).isEqualTo(1);
    }

    @Test
    void theWindowIsOneHour() {
        for (int i = 0; i < 40; i++) {
            request("/catalog/items/SKU." + i);
        }
        clock.advance(Duration.ofMinutes(61));
        for (int i = 40; i < 80; i++) {
            request("/catalog/items/SKU." + i);
        }
        assertThat(detector.drain()).isEmpty();
        for (int i = 80; i < 105; i++) {
            request("/catalog/items/SKU." + i);
        }
        assertThat(detector.drain()).hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        assertThat(detector.expire()).isEqualTo(1);
        assertThat(detector.trackedPrefixes()).isZero();
    }

    /** last segment | counted */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            orders          | false
            sign-in         | false
            user_profile    | false
            SKU.1           | true
            Orders          | true
            42              | false
            {id}            | false
            """)
    void plainLowercaseWordsAndTemplatedSegmentsAreIgnored(String last, boolean counted) {
        NormalizeGapDetector single = new NormalizeGapDetector(clock, 1, Duration.ofHours(1), 10);
        PathTemplater t = new PathTemplater(PathNormalization.defaults(), null, single);
        t.normalize("p", "e", "GET", "/x/" + last);
        t.normalize("p", "e", "GET", "/x/" + last + (last.matches("[a-z_-]+") ? "z" : "9"));
        assertThat(single.drain()).as(last).hasSize(counted ? 1 : 0);
    }

    @Test
    void prefixesAreCappedAndCounted() {
        NormalizeGapDetector small = new NormalizeGapDetector(clock, 64, Duration.ofHours(1), 3);
        for (int i = 0; i < 10; i++) {
            small.observe("p", "/prefix" + i, "A" + i);
        }
        assertThat(small.trackedPrefixes()).isEqualTo(3);
        assertThat(small.untracked()).isEqualTo(7);
    }

    @Test
    void queuedReportsAreBoundedAndDropsCounted() {
        NormalizeGapDetector one = new NormalizeGapDetector(clock, 1, Duration.ofHours(1), 5_000);
        for (int i = 0; i < NormalizeGapDetector.MAX_QUEUED + 10; i++) {
            one.observe("p", "/x" + i, "A1");
            one.observe("p", "/x" + i, "A2");
        }
        assertThat(one.drain()).hasSize(NormalizeGapDetector.MAX_QUEUED);
        assertThat(one.dropped()).isEqualTo(10);
    }

    @Test
    void writesToTheStore() {
        InMemoryNormalizeGapStore store = new InMemoryNormalizeGapStore();
        NormalizeGapDetector one = new NormalizeGapDetector(clock, 1, Duration.ofHours(1), 10);
        one.observe("p", "/x", "A1");
        one.observe("p", "/x", "A2");
        store.save(one.drain());
        assertThat(store.all()).singleElement().satisfies(gap -> assertThat(gap.prefix()).isEqualTo("/x"));
    }
}
