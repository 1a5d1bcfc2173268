package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Key caps: a flood of random keys costs old keys (counted), never memory. */
class BoundedStateTest {

    @Test
    void keyedStateNeverHoldsMoreThanItsCapAndCountsEvictions() {
        RecordingSkips skips = new RecordingSkips();
        KeyedState<long[]> state = new KeyedState<>("test", 1_000, skips);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            state.apply(random.nextLong(), () -> new long[1], s -> s[0]++);
        }
        assertThat(state.entries()).isLessThanOrEqualTo(1_000 + KeyedState.STRIPES).isGreaterThan(900);
        assertThat(skips.count("test", Skips.EVICTED)).isEqualTo(200_000 - state.entries());
    }

    @Test
    void leastRecentlyUsedKeyGoesFirst() {
        RecordingSkips skips = new RecordingSkips();
        // 16 keys per stripe ⇒ cap 16 × 16; keys 0, 16, 32, … all land in stripe 0
        KeyedState<long[]> state = new KeyedState<>("test", 16 * KeyedState.STRIPES, skips);
        for (long k = 0; k < 16; k++) {
            state.apply(k * 16, () -> new long[] {1}, s -> s[0]);
        }
        state.apply(0, () -> new long[] {99}, s -> s[0]); // touch key 0
        state.apply(16 * 16, () -> new long[] {1}, s -> s[0]); // a 17th key in the stripe evicts key 16
        assertThat(skips.count("test", Skips.EVICTED)).isEqualTo(1);
        long kept = state.apply(0L, () -> new long[] {-1}, s -> s[0]);
        long recreated = state.apply(16L, () -> new long[] {-1}, s -> s[0]);
        assertThat(kept).as("kept: recently used").isEqualTo(1);
        assertThat(recreated).as("evicted: recreated").isEqualTo(-1);
    }

    @Test
    void aFloodOfSpoofedSourcesThroughEveryDetectorStaysBounded() {
        Harness h = new Harness(500).configure(Map.of("ip_rate", Map.of("enabled", true),
                "rate_anomaly", Map.of("enabled", true)), Map.of());
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            String consumer = Long.toHexString(random.nextLong());
            h.run(call(i % 2 == 0 ? "POST" : "GET", "/login/" + i, 404).setSourceIp(ip).setConsumerHash(consumer)
                    .setUserAgent("ua-" + i), "/login/" + i, "auth", "payment");
        }
        for (String detector : DetectorFactory.DETECTOR_NAMES) {
            // brute force has two tables (consumer, address), each capped
            long cap = (detector.equals(BruteForceDetector.NAME) ? 2 : 1) * (500 + KeyedState.STRIPES);
            assertThat(h.factory.entries(detector)).as(detector).isLessThanOrEqualTo(cap);
        }
        assertThat(h.skips.count("ip_rate", Skips.EVICTED)).isGreaterThan(40_000);
        assertThat(h.skips.count(PathScanDetector.NAME, Skips.EVICTED)).isGreaterThan(40_000);
        assertThat(h.skips.count(ResponseSizeDetector.NAME, Skips.EVICTED)).isGreaterThan(40_000);
    }
}
