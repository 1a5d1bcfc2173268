package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.AccessEvent;

class BruteForceDetectorTest {
    private static final String FLAG = DetectorFlags.BRUTE_FORCE_SUSPECT;

    private static AccessEvent.Builder login(int status, String consumer, String ip) {
        return call("POST", "/login", status).setConsumerHash(consumer).setConsumerScheme(consumer.isEmpty() ? ""
                : "jwt").setSourceIp(ip);
    }

    private static Set<String> attempt(Harness h, int status, String consumer, String ip) {
        return h.run(login(status, consumer, ip), "/login", "auth");
    }

    @ParameterizedTest(name = "{0} refusals per consumer (threshold 10) → flagged {1}")
    @CsvSource({"1, false", "9, false", "10, true", "11, true"})
    void perConsumerThreshold(int refusals, boolean flagged) {
        Harness h = new Harness();
        Set<String> last = Set.of();
        for (int i = 0; i < refusals; i++) {
            // a different address per attempt: only the consumer key can reach the threshold
            last = attempt(h, 401, "c0ffee0000000001", "198.51.100." + i);
        }
        assertThat(last.contains(FLAG)).isEqualTo(flagged);
    }

    @ParameterizedTest(name = "per address: {0} refusals, {1} successes → flagged {2}")
    @CsvSource({
        "19, 0, false",  // below threshold_ip 20
        "20, 0, true",   // at the threshold, ratio 1
        "20, 20, true",  // ratio exactly 0.5
        "20, 21, false", // ratio below 0.5
        "40, 21, true"})
    void perAddressThresholdAndRatio(int refusals, int successes, boolean flagged) {
        Harness h = new Harness();
        for (int i = 0; i < successes; i++) {
            attempt(h, 200, "", "203.0.113.9");
        }
        Set<String> last = Set.of();
        for (int i = 0; i < refusals; i++) {
            last = attempt(h, 403, "", "203.0.113.9");
        }
        assertThat(last.contains(FLAG)).isEqualTo(flagged);
    }

    @Test
    void successAfterARunOfFailuresIsFlaggedToo() {
        Harness h = new Harness();
        for (int i = 0; i < 20; i++) {
            attempt(h, 401, "", "203.0.113.9");
        }
        assertThat(attempt(h, 200, "", "203.0.113.9")).contains(FLAG);
    }

    @Test
    void refusalsLeaveTheWindow() {
        Harness h = new Harness();
        for (int i = 0; i < 9; i++) {
            attempt(h, 401, "c0ffee0000000001", "198.51.100." + i);
        }
        // 60 s window in 5 s slots: an event counts for at least 60 s and at most 65 s
        h.advance(Duration.ofSeconds(66));
        assertThat(attempt(h, 401, "c0ffee0000000001", "198.51.100.99")).doesNotContain(FLAG);
    }

    @Test
    void refusalsStillInsideTheWindowCount() {
        Harness h = new Harness();
        for (int i = 0; i < 9; i++) {
            attempt(h, 401, "c0ffee0000000001", "198.51.100." + i);
        }
        h.advance(Duration.ofSeconds(59));
        assertThat(attempt(h, 401, "c0ffee0000000001", "198.51.100.99")).contains(FLAG);
    }

    @Test
    void onlyMutatingCallsToAuthEndpointsCount() {
        Harness h = new Harness();
        for (int i = 0; i < 30; i++) {
            assertThat(h.run(call("GET", "/login", 401).setSourceIp("203.0.113.9"), "/login", "auth"))
                    .doesNotContain(FLAG);
            assertThat(h.run(call("POST", "/orders", 401).setSourceIp("203.0.113.9"), "/orders"))
                    .doesNotContain(FLAG);
        }
    }

    @Test
    void trustedProxyEgressIsNotKeyedByAddress() {
        Harness h = new Harness().configure(Map.of(), Map.of("trusted_proxy_cidrs", List.of("203.0.113.0/24")));
        for (int i = 0; i < 50; i++) {
            assertThat(attempt(h, 401, "", "203.0.113.9")).doesNotContain(FLAG);
        }
        assertThat(h.skips.count(BruteForceDetector.NAME, Skips.TRUSTED_PROXY)).isEqualTo(50);
        // an untrusted address next to it is still caught
        Set<String> last = Set.of();
        for (int i = 0; i < 20; i++) {
            last = attempt(h, 401, "", "198.51.100.1");
        }
        assertThat(last).contains(FLAG);
    }

    @Test
    void consumerKeyedCountingStillWorksBehindATrustedProxy() {
        Harness h = new Harness().configure(Map.of(), Map.of("trusted_proxy_cidrs", List.of("203.0.113.0/24")));
        Set<String> last = Set.of();
        for (int i = 0; i < 10; i++) {
            last = attempt(h, 401, "c0ffee0000000001", "203.0.113.9");
        }
        assertThat(last).contains(FLAG);
    }

    @Test
    void disabledDetectorNeverFlags() {
        Harness h = new Harness().detection("brute_force", Map.of("enabled", false));
        for (int i = 0; i < 50; i++) {
            assertThat(attempt(h, 401, "c0ffee0000000001", "203.0.113.9")).doesNotContain(FLAG);
        }
    }
}
