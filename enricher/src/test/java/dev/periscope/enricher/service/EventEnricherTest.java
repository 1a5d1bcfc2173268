package dev.periscope.enricher.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.periscope.model.HashSalt;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.SaltedHasher;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

class EventEnricherTest {
    private static final SaltedHasher HASHER = HashSalt.parse("7b1e9c4d2a6f8e3b5c0d1a9f").hasher();

    private final EventEnricher enricher =
            new EventEnricher(HASHER, new PathNormalizer(), () -> RawFieldPolicy.DROP_ALL);

    private final AccessEvent raw = AccessEvents.rawHttp("p-enrich", "GET", "/users/42", 200).build();

    @Test
    void hashesEqualSaltedHasherOutput() {
        AccessEvent enriched = enricher.enrich(raw);

        assertThat(enriched.getSourceIpHash()).isEqualTo(HASHER.hash(raw.getSourceIp())).hasSize(16);
        assertThat(enriched.getUserAgentHash()).isEqualTo(HASHER.hash(raw.getUserAgent())).hasSize(16);
    }

    @Test
    void rawIpAndUserAgentAreGoneByDefault() {
        AccessEvent enriched = enricher.enrich(raw);

        assertThat(enriched.getSourceIp()).isEmpty();
        assertThat(enriched.getUserAgent()).isEmpty();
        assertThat(enriched.toByteString().toStringUtf8())
                .doesNotContain(raw.getSourceIp())
                .doesNotContain(raw.getUserAgent());
    }

    @Test
    void policyCanKeepRawValues() {
        EventEnricher keeping = new EventEnricher(HASHER, new PathNormalizer(), () -> new RawFieldPolicy(true, true));

        AccessEvent enriched = keeping.enrich(raw);

        assertThat(enriched.getSourceIp()).isEqualTo(raw.getSourceIp());
        assertThat(enriched.getUserAgent()).isEqualTo(raw.getUserAgent());
        assertThat(enriched.getSourceIpHash()).isEqualTo(HASHER.hash(raw.getSourceIp()));
    }

    @Test
    void setsStageAndNormalizedPathAndKeepsGatewayFields() {
        AccessEvent enriched = enricher.enrich(raw);

        assertThat(enriched.getStage()).isEqualTo(EventStage.EVENT_STAGE_ENRICHED);
        assertThat(enriched.getNormalizedPath()).isEqualTo("/users/{id}");
        assertThat(enriched.getPath()).isEqualTo("/users/42");
        assertThat(enriched.getEventId()).isEqualTo(raw.getEventId());
        assertThat(enriched.getStatusCode()).isEqualTo(200);
    }

    @Test
    void keyIsStableAcrossIdsOfOneEndpointAndClients() {
        AccessEvent other = AccessEvents.rawHttp("p-enrich", "GET", "/users/7", 404)
                .setSourceIp("198.51.100.9").setUserAgent("curl/8.5.0").build();

        String key = RecordKeys.enrichedKey(enricher.enrich(raw));

        assertThat(key).hasSize(32).isEqualTo(RecordKeys.enrichedKey(enricher.enrich(other)))
                .isEqualTo(new InventoryKey("p-enrich", "public-edge", "http/1.1", "api.example.test", "GET",
                        "/users/{id}", "", "").id());
        assertThat(RecordKeys.enrichedKey(enricher.enrich(raw))).isEqualTo(key);
    }

    @Test
    void emptyValuesStayEmptyInsteadOfHashed() {
        AccessEvent tcp = raw.toBuilder().setProtocol("tcp").setMethod("").setPath("").setUserAgent("").build();

        AccessEvent enriched = enricher.enrich(tcp);

        assertThat(enriched.getUserAgentHash()).isEmpty();
        assertThat(enriched.getNormalizedPath()).isEmpty();
    }
}
