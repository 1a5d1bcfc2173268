package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.v1.AccessEvent;

class GeoSpreadDetectorTest {
    private static final String TRAVEL = DetectorFlags.IMPOSSIBLE_TRAVEL;
    private static final String CHANGE = DetectorFlags.GEO_CHANGE;
    private static final String CONSUMER = "c0ffee0000000001";

    private static Set<String> from(Harness h, String continent, String asn) {
        return from(h, call("GET", "/me", 200).setConsumerHash(CONSUMER).setConsumerScheme("jwt"), continent, asn);
    }

    private static Set<String> from(Harness h, AccessEvent.Builder raw, String continent, String asn) {
        EventDraft draft = Harness.draft(raw, "/me");
        if (continent != null) {
            draft.tag("geo.kind", "external");
            draft.tag("geo.continent", continent);
            draft.tag("geo.asn", asn);
        }
        return h.run(draft);
    }

    @Test
    void staysOnOneContinent() {
        Harness h = new Harness();
        for (int i = 0; i < 20; i++) {
            assertThat(from(h, "EU", "3320")).doesNotContain(TRAVEL, CHANGE);
        }
    }

    @Test
    void oneSwitchIsAGeoChangeTwoAreImpossibleTravel() {
        Harness h = new Harness();
        assertThat(from(h, "EU", "3320")).doesNotContain(TRAVEL, CHANGE);
        assertThat(from(h, "NA", "7922")).contains(CHANGE).doesNotContain(TRAVEL);
        assertThat(from(h, "EU", "3320")).contains(TRAVEL).doesNotContain(CHANGE);
        assertThat(from(h, "EU", "3320")).as("still within the window").contains(TRAVEL);
    }

    @Test
    void switchesLeaveTheWindow() {
        Harness h = new Harness();
        from(h, "EU", "3320");
        from(h, "NA", "7922");
        h.advance(Duration.ofHours(2));
        assertThat(from(h, "EU", "3320")).contains(CHANGE).doesNotContain(TRAVEL);
    }

    @Test
    void oneSwitchOntoAHostingAsEscalates() {
        Harness h = new Harness();
        from(h, "EU", "3320");
        assertThat(from(h, "NA", "AS16509")).as("AWS").contains(TRAVEL);

        Harness trusted = new Harness().configure(Map.of(), Map.of("trusted_egress_asns", List.of("AS16509")));
        from(trusted, "EU", "3320");
        assertThat(from(trusted, "NA", "16509")).as("trusted egress").contains(CHANGE).doesNotContain(TRAVEL);

        Harness added = new Harness().configure(Map.of(), Map.of("hosting_asns", List.of(64500)));
        from(added, "EU", "3320");
        assertThat(from(added, "AS", "64500")).as("operator-added hosting AS").contains(TRAVEL);

        Harness off = new Harness().detection("geo_spread", Map.of("escalate_hosting_asn", false));
        from(off, "EU", "3320");
        assertThat(from(off, "NA", "16509")).contains(CHANGE).doesNotContain(TRAVEL);
    }

    @Test
    void unknownLocationsAnonymousCallersAndMtlsAreSkipped() {
        Harness h = new Harness();
        assertThat(from(h, null, null)).doesNotContain(TRAVEL, CHANGE);
        assertThat(h.skips.count(GeoSpreadDetector.NAME, Skips.NO_GEO)).isEqualTo(1);

        EventDraft internal = Harness.draft(call("GET", "/me", 200).setConsumerHash(CONSUMER), "/me");
        internal.tag("geo.kind", "internal");
        h.run(internal);
        assertThat(h.skips.count(GeoSpreadDetector.NAME, Skips.NO_GEO)).isEqualTo(2);

        from(h, call("GET", "/me", 200), "EU", "1");
        assertThat(h.skips.count(GeoSpreadDetector.NAME, Skips.NO_CONSUMER)).isEqualTo(1);

        AccessEvent.Builder mtls = call("GET", "/me", 200).setConsumerHash("c0ffee0000000009")
                .setConsumerScheme("mtls").setTlsPeerSubject("CN=svc");
        from(h, mtls.clone(), "EU", "1");
        assertThat(from(h, mtls.clone(), "NA", "16509")).doesNotContain(TRAVEL, CHANGE);
        assertThat(h.skips.count(GeoSpreadDetector.NAME, Skips.MTLS)).isEqualTo(2);
    }
}
