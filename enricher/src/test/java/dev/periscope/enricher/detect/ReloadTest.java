package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A config reload keeps a detector's windows exactly when its settings did not change. */
class ReloadTest {

    private static Set<String> refusedLogin(Harness h) {
        return h.run(call("POST", "/login", 401).setConsumerHash("c0ffee0000000001").setSourceIp("198.51.100.1"),
                "/login", "auth");
    }

    @Test
    void unchangedSettingsKeepTheirWindows() {
        Harness h = new Harness();
        for (int i = 0; i < 9; i++) {
            refusedLogin(h);
        }
        h.configure(Map.of("path_scan", Map.of("threshold", 20)), Map.of()); // another detector changed
        assertThat(refusedLogin(h)).contains(DetectorFlags.BRUTE_FORCE_SUSPECT);
    }

    @Test
    void changedSettingsStartAfresh() {
        Harness h = new Harness();
        for (int i = 0; i < 9; i++) {
            refusedLogin(h);
        }
        h.configure(Map.of("brute_force", Map.of("threshold", 3)), Map.of());
        assertThat(refusedLogin(h)).as("the nine earlier refusals were discarded")
                .doesNotContain(DetectorFlags.BRUTE_FORCE_SUSPECT);
        refusedLogin(h);
        assertThat(refusedLogin(h)).contains(DetectorFlags.BRUTE_FORCE_SUSPECT);
    }

    @Test
    void disablingDropsTheWindows() {
        Harness h = new Harness();
        for (int i = 0; i < 9; i++) {
            refusedLogin(h);
        }
        assertThat(h.factory.entries(BruteForceDetector.NAME)).isEqualTo(2);
        h.detection("brute_force", Map.of("enabled", false));
        assertThat(h.factory.entries(BruteForceDetector.NAME)).isZero();
        h.configure(Map.of(), Map.of());
        assertThat(refusedLogin(h)).doesNotContain(DetectorFlags.BRUTE_FORCE_SUSPECT);
    }

    @Test
    void baselinesSurviveThresholdChanges() {
        Harness h = new Harness();
        for (int i = 0; i < 20; i++) {
            h.run(call("GET", "/r", 200).setResponseBytes(2000), "/r");
        }
        h.detection("response_size", Map.of("sigma", 3));
        assertThat(h.baselines.entries("response_size")).isEqualTo(1);
        h.run(call("GET", "/r", 200).setResponseBytes(500_000), "/r");
        assertThat(h.run(call("GET", "/r", 200).setResponseBytes(500_000), "/r"))
                .contains(DetectorFlags.OVERSIZED_RESPONSE);
    }
}
