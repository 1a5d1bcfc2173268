package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BolaDetectorTest {
    private static final String FLAG = DetectorFlags.BOLA_SUSPECT;
    private static final String CONSUMER = "c0ffee0000000001";

    private static Set<String> fetch(Harness h, int id, int status, String consumer, String scheme) {
        return h.run(call("GET", "/orders/" + id, status).setConsumerHash(consumer).setConsumerScheme(scheme),
                "/orders/{id}");
    }

    /** {@code allowed} accepted calls on distinct objects, then {@code refused} refused ones on further objects. */
    private static Set<String> enumerate(Harness h, int allowed, int refused) {
        Set<String> last = Set.of();
        int id = 1000;
        for (int i = 0; i < allowed; i++) {
            last = fetch(h, id++, 200, CONSUMER, "jwt");
        }
        for (int i = 0; i < refused; i++) {
            last = fetch(h, id++, 403, CONSUMER, "jwt");
        }
        return last;
    }

    @ParameterizedTest(name = "{0} accepted + {1} refused distinct objects → flagged {2}")
    @CsvSource({
        "39, 10, false", // 49 distinct: below threshold 50
        "40, 10, true",  // 50 distinct, 10 refused (min_forbidden), ratio 0.2 (at the configured 0.2)
        "30, 20, true",  // 50 distinct, ratio 0.4
        "41, 9, false",  // 9 refused < min_forbidden 10
        "100, 10, false"}) // 10 refused of 110: ratio below 0.25
    void distinctObjectsWithRefusalGates(int allowed, int refused, boolean flagged) {
        Harness h = new Harness().detection("bola", Map.of("min_forbidden_ratio", 0.2));
        assertThat(enumerate(h, allowed, refused).contains(FLAG)).isEqualTo(flagged);
    }

    @Test
    void ratioGateAtTheDefault() {
        assertThat(enumerate(new Harness(), 40, 10)).as("ratio 0.2 < 0.25").doesNotContain(FLAG);
        assertThat(enumerate(new Harness(), 37, 13)).as("ratio 0.26").contains(FLAG);
    }

    @Test
    void theSameObjectAgainIsNotANewOne() {
        Harness h = new Harness();
        Set<String> last = Set.of();
        for (int i = 0; i < 200; i++) {
            last = fetch(h, 7, 403, CONSUMER, "jwt");
        }
        assertThat(last).doesNotContain(FLAG);
    }

    @Test
    void objectsLeaveTheWindow() {
        Harness h = new Harness();
        enumerate(h, 30, 19);
        h.advance(Duration.ofSeconds(66));
        assertThat(fetch(h, 1, 403, CONSUMER, "jwt")).doesNotContain(FLAG);
    }

    @Test
    void machineConsumersAndAnonymousCallsAreSkipped() {
        Harness h = new Harness();
        for (int i = 0; i < 60; i++) {
            assertThat(fetch(h, i, 403, CONSUMER, "apikey")).doesNotContain(FLAG);
            assertThat(fetch(h, i, 403, "", "")).doesNotContain(FLAG);
        }
        assertThat(h.skips.count(BolaDetector.NAME, Skips.MACHINE_CONSUMER)).isEqualTo(60);
        assertThat(h.skips.count(BolaDetector.NAME, Skips.NO_CONSUMER)).isEqualTo(60);

        Harness keep = new Harness().detection("bola", Map.of("skip_machine_consumers", false));
        Set<String> last = Set.of();
        for (int i = 0; i < 50; i++) {
            last = fetch(keep, i, 403, CONSUMER, "apikey");
        }
        assertThat(last).contains(FLAG);
    }

    @Test
    void pathsWithoutAnObjectIdAreIgnored() {
        Harness h = new Harness();
        for (int i = 0; i < 100; i++) {
            assertThat(h.run(call("GET", "/orders/recent" + i, 403).setConsumerHash(CONSUMER), "/orders/recent" + i))
                    .doesNotContain(FLAG);
        }
        assertThat(h.skips.count(BolaDetector.NAME, Skips.NO_CONSUMER)).isZero();
    }
}
