package dev.periscope.eventwriter.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class RawSamplerTest {

    @ParameterizedTest(name = "status {0}, risk {1}, flag ''{2}'', grpc {3} -> benign {4}")
    @CsvSource({
            "200, 0, '',                   -1, true",
            "204, 0, missing_hsts,         -1, true",
            "299, 0, version_disclosure,   -1, true",
            "200, 0, '',                    0, true",
            "200, 0, '',                    5, false",
            "301, 0, '',                   -1, false",
            "404, 0, '',                   -1, false",
            "500, 0, '',                   -1, false",
            "199, 0, '',                   -1, false",
            "200, 1, '',                   -1, false",
            "200, 0, scanner_user_agent,   -1, false",
            "200, 0, secret_in_path,       -1, false"})
    void onlyTwoHundredsWithPostureOnlyFlagsAreBenign(int status, int risk, String flag, int grpc, boolean benign) {
        AccessEvent.Builder event = AccessEvents.enriched("p", "GET", "/a", status).setRiskScore(risk);
        if (!flag.isEmpty()) {
            event.addRiskFlags(flag);
        }
        if (grpc >= 0) {
            event.setGrpcStatus(grpc);
        }
        assertThat(RawSampler.benign(event.build())).isEqualTo(benign);
    }

    @Test
    void rateOneOrZeroKeepsEverythingUnweighted() {
        AccessEvent event = AccessEvents.enriched("p", "GET", "/a", 200).build();
        assertThat(RawSampler.weight(event, 0)).isEqualTo(1);
        assertThat(RawSampler.weight(event, 1)).isEqualTo(1);
    }

    @Test
    void benignEventsAreKeptOneInNWithWeightNAndTheChoiceIsStable() {
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            AccessEvent event = AccessEvents.enriched("p", "GET", "/a", 200).build();
            int weight = RawSampler.weight(event, 10);
            assertThat(weight).isIn(0, 10);
            assertThat(RawSampler.weight(event, 10)).isEqualTo(weight);
            kept += weight == 10 ? 1 : 0;
        }
        assertThat(kept).isBetween(850, 1150);
    }

    @Test
    void riskyEventsAreAlwaysKeptWithWeightOne() {
        for (int i = 0; i < 200; i++) {
            AccessEvent event = AccessEvents.enriched("p", "GET", "/a", 500).build();
            assertThat(RawSampler.weight(event, 100)).isEqualTo(1);
        }
    }
}
