package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateDetectorTest {

    private static Set<String> burst(Harness h, int events, String consumer, String ip) {
        Set<String> last = Set.of();
        for (int i = 0; i < events; i++) {
            last = h.run(call("GET", "/items", 200).setConsumerHash(consumer).setSourceIp(ip), "/items");
        }
        return last;
    }

    @Test
    void bothAreOffByDefault() {
        Set<String> last = burst(new Harness(), 2000, "c0ffee0000000001", "198.51.100.7");
        assertThat(last).doesNotContain(DetectorFlags.RATE_ANOMALY, DetectorFlags.IP_RATE_ANOMALY);
    }

    @ParameterizedTest(name = "{0} events, threshold 5 → flagged {1}")
    @CsvSource({"4, false", "5, true", "6, true"})
    void thresholds(int events, boolean flagged) {
        Harness h = new Harness().configure(Map.of("rate_anomaly", Map.of("enabled", true, "threshold", 5),
                "ip_rate", Map.of("enabled", true, "threshold", 5)), Map.of());
        Set<String> last = burst(h, events, "c0ffee0000000001", "198.51.100.7");
        assertThat(last.contains(DetectorFlags.RATE_ANOMALY)).isEqualTo(flagged);
        assertThat(last.contains(DetectorFlags.IP_RATE_ANOMALY)).isEqualTo(flagged);
    }

    @Test
    void ipRateSkipsTrustedProxies() {
        Harness h = new Harness().configure(Map.of("ip_rate", Map.of("enabled", true, "threshold", 5)),
                Map.of("trusted_proxy_cidrs", List.of("198.51.100.0/24")));
        assertThat(burst(h, 20, "", "198.51.100.7")).doesNotContain(DetectorFlags.IP_RATE_ANOMALY);
        assertThat(h.skips.count("ip_rate", Skips.TRUSTED_PROXY)).isEqualTo(20);
        assertThat(burst(h, 5, "", "2001:db8::1")).contains(DetectorFlags.IP_RATE_ANOMALY);
    }
}
