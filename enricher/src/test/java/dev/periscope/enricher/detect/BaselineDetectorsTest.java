package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** response_size, latency and error_rate: warm-up, sigma, consecutive hits, start-up suppression. */
class BaselineDetectorsTest {

    private static Set<String> respond(Harness h, long bytes, String contentType, String... categories) {
        return h.run(call("GET", "/reports/{id}", 200).setResponseBytes(bytes).setContentType(contentType),
                "/reports/{id}", categories);
    }

    private static void warmSizes(Harness h, int samples) {
        for (int i = 0; i < samples; i++) {
            respond(h, 2000 + (i % 5) * 10, "application/json");
        }
    }

    @ParameterizedTest(name = "{0} warm-up samples, then {1} bytes twice → flagged {2}")
    @CsvSource({
        "9, 500000, false",  // still warming up (10)
        "10, 500000, true",
        "10, 60000, false",  // below min_event_bytes 65536
        "10, 70000, true",   // ≥ 65536 and > 10 × max(mean≈2020, 1024)
        "10, 19000, false"}) // > sigma but < multiplier × mean and < min_event
    void oversizedResponse(int warmup, long bytes, boolean flagged) {
        Harness h = new Harness();
        warmSizes(h, warmup);
        assertThat(respond(h, bytes, "application/json")).as("first anomalous: consecutive 2 not reached")
                .doesNotContain(DetectorFlags.OVERSIZED_RESPONSE);
        assertThat(respond(h, bytes, "application/json").contains(DetectorFlags.OVERSIZED_RESPONSE))
                .isEqualTo(flagged);
    }

    @Test
    void aNormalResponseBreaksTheRun() {
        Harness h = new Harness();
        warmSizes(h, 20);
        respond(h, 500_000, "application/json");
        respond(h, 2000, "application/json");
        assertThat(respond(h, 500_000, "application/json")).doesNotContain(DetectorFlags.OVERSIZED_RESPONSE);
    }

    @Test
    void neverOnExportsOrFiles() {
        Harness h = new Harness();
        warmSizes(h, 20);
        for (int i = 0; i < 5; i++) {
            assertThat(respond(h, 900_000, "application/json", "data_export"))
                    .doesNotContain(DetectorFlags.OVERSIZED_RESPONSE);
            assertThat(respond(h, 900_000, "application/pdf")).doesNotContain(DetectorFlags.OVERSIZED_RESPONSE);
        }
        assertThat(h.skips.count(ResponseSizeDetector.NAME, Skips.FILE_CONTENT)).isEqualTo(10);
    }

    private static Set<String> took(Harness h, double millis) {
        return h.run(call("GET", "/search", 200).setDurationMs(millis), "/search");
    }

    @Test
    void latencyAnomalyAfterWarmupSigmaAndThreeInARow() {
        Harness h = new Harness();
        h.advance(Duration.ofMinutes(11)); // past start-up suppression (600 s)
        for (int i = 0; i < 49; i++) {
            took(h, 40 + (i % 7));
        }
        assertThat(took(h, 5000)).as("49 samples: warming up, learned as normal")
                .doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        for (int i = 0; i < 10; i++) {
            took(h, 40 + (i % 7));
        }
        assertThat(took(h, 150)).as("below latency_min_ms 200").doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        assertThat(took(h, 5000)).doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        assertThat(took(h, 5000)).doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        assertThat(took(h, 5000)).as("third in a row").contains(DetectorFlags.LATENCY_ANOMALY);
    }

    @Test
    void startupSuppressionHoldsFlagsBackAndCountsThem() {
        Harness h = new Harness();
        for (int i = 0; i < 60; i++) {
            took(h, 40 + (i % 7));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(took(h, 5000)).doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        }
        assertThat(h.skips.count(LatencyDetector.NAME, Skips.STARTUP)).isEqualTo(3);
        h.advance(Duration.ofSeconds(600));
        assertThat(took(h, 5000)).contains(DetectorFlags.LATENCY_ANOMALY);
    }

    private static Set<String> answered(Harness h, int status) {
        return h.run(call("GET", "/cart", status), "/cart");
    }

    @Test
    void errorRateSpikeOnClientRejectionsOnly() {
        Harness h = new Harness();
        h.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 100; i++) {
            answered(h, i % 20 == 19 ? 404 : 200); // 5 % baseline
        }
        assertThat(answered(h, 500)).doesNotContain(DetectorFlags.ERROR_RATE_SPIKE);
        for (int i = 0; i < 10; i++) {
            assertThat(answered(h, 503)).as("5xx do not count (Generation 2)")
                    .doesNotContain(DetectorFlags.ERROR_RATE_SPIKE);
            assertThat(answered(h, 401)).doesNotContain(DetectorFlags.ERROR_RATE_SPIKE);
        }
        // fast α 0.3: one 404 lifts fast to ≈ 0.33 ≥ 0.25 and ≥ 3 × slow (≈ 0.05): spike 1, then spike 2 → flag
        assertThat(answered(h, 404)).doesNotContain(DetectorFlags.ERROR_RATE_SPIKE);
        assertThat(answered(h, 404)).contains(DetectorFlags.ERROR_RATE_SPIKE);
    }

    @Test
    void errorRateNeedsWarmup() {
        Harness h = new Harness();
        h.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 48; i++) {
            assertThat(answered(h, 404)).doesNotContain(DetectorFlags.ERROR_RATE_SPIKE);
        }
    }

    @Test
    void behaviourOffMeansNoBehaviourFlags() {
        Harness h = new Harness().detection("behavior", Map.of("enabled", false));
        h.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 100; i++) {
            took(h, 40);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(took(h, 9000)).doesNotContain(DetectorFlags.LATENCY_ANOMALY);
        }
    }
}
