package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentAbuseDetectorTest {
    private static final String FLAG = DetectorFlags.PAYMENT_ABUSE_SUSPECT;

    private static Set<String> pay(Harness h, int status, String consumer, String ip) {
        return h.run(call("POST", "/checkout", status).setConsumerHash(consumer).setSourceIp(ip), "/checkout",
                "payment");
    }

    @ParameterizedTest(name = "{0} accepted, then {1} declined ({2}) → flagged {3}")
    @CsvSource({
        "0, 9, 402, false",
        "0, 10, 402, true",
        "10, 10, 422, true",  // ratio 0.5
        "11, 10, 402, false", // ratio below 0.5
        "0, 20, 401, false",  // 401 is not a decline
        "0, 20, 429, false",  // nor is 429
        "0, 20, 500, false"}) // nor a server error
    void declinesWithRatio(int accepted, int declined, int status, boolean flagged) {
        Harness h = new Harness();
        for (int i = 0; i < accepted; i++) {
            pay(h, 201, "c0ffee0000000001", "198.51.100." + i);
        }
        Set<String> last = Set.of();
        for (int i = 0; i < declined; i++) {
            last = pay(h, status, "c0ffee0000000001", "198.51.100." + (100 + i));
        }
        assertThat(last.contains(FLAG)).isEqualTo(flagged);
    }

    @Test
    void anonymousCallersAreKeyedByAddressAndTrustedProxiesSkipped() {
        Harness h = new Harness();
        Set<String> last = Set.of();
        for (int i = 0; i < 10; i++) {
            last = pay(h, 402, "", "203.0.113.50");
        }
        assertThat(last).contains(FLAG);

        Harness proxied = new Harness().configure(Map.of(), Map.of("trusted_proxy_cidrs", List.of("203.0.113.0/24")));
        for (int i = 0; i < 30; i++) {
            assertThat(pay(proxied, 402, "", "203.0.113.50")).doesNotContain(FLAG);
        }
        assertThat(proxied.skips.count(PaymentAbuseDetector.NAME, Skips.TRUSTED_PROXY)).isEqualTo(30);
    }

    @Test
    void readsAndOtherEndpointsDoNotCount() {
        Harness h = new Harness();
        for (int i = 0; i < 30; i++) {
            assertThat(h.run(call("GET", "/checkout", 404).setSourceIp("203.0.113.50"), "/checkout", "payment"))
                    .doesNotContain(FLAG);
            assertThat(h.run(call("POST", "/cart", 422).setSourceIp("203.0.113.50"), "/cart")).doesNotContain(FLAG);
        }
    }
}
