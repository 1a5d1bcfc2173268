package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.v1.AccessEvent;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;

/** HASH_SALT rotation at the edge: key id on every event, the consumer also hashed with the previous salt. */
class AccessLogEntryMapperRotationTest {
    private static final StreamIdentity IDENTITY = new StreamIdentity("public-edge", "acme-prod", "", "periscope");
    private static final Instant DEADLINE = Instant.parse("2026-12-31T00:00:00Z");
    private static final HashSaltSettings SETTINGS = HashSaltSettings.parse("k3J9-pQ2x!Lm7vRt8wZ", "k2026",
            "Zx8#qW2e-R5tY7uI9oP", "k2025", DEADLINE.toString());

    private static AccessEvent map(RotatingHasher hasher, String apiKey) {
        HTTPRequestProperties.Builder request = HTTPRequestProperties.newBuilder().setPath("/orders");
        if (apiKey != null) {
            request.putRequestHeaders("x-api-key", apiKey);
        }
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder().setRequest(request).build();
        return new AccessLogEntryMapper("gw-1", PrivacyPolicy.defaults(), hasher).map(entry, IDENTITY, 1L);
    }

    @Test
    void duringTheOverlapTheConsumerIsHashedWithBothSalts() {
        RotatingHasher hasher = SETTINGS.hasher(Clock.fixed(DEADLINE.minusSeconds(1), ZoneOffset.UTC));

        AccessEvent event = map(hasher, "ak_live_SECRET");

        assertThat(event.getHashKeyId()).isEqualTo("k2026");
        assertThat(event.getConsumerHash()).isEqualTo(hasher.hash("ak_live_SECRET"));
        assertThat(event.getConsumerHashPrevious()).isEqualTo(hasher.previousHash("ak_live_SECRET"))
                .matches("[0-9a-f]{16}").isNotEqualTo(event.getConsumerHash());
    }

    @Test
    void afterTheOverlapOnlyTheCurrentHashIsWritten() {
        RotatingHasher hasher = SETTINGS.hasher(Clock.fixed(DEADLINE, ZoneOffset.UTC));

        AccessEvent event = map(hasher, "ak_live_SECRET");

        assertThat(event.getHashKeyId()).isEqualTo("k2026");
        assertThat(event.getConsumerHash()).isEqualTo(hasher.hash("ak_live_SECRET"));
        assertThat(event.getConsumerHashPrevious()).isEmpty();
    }

    @Test
    void anonymousEventsCarryTheKeyIdButNoConsumerHash() {
        AccessEvent event = map(SETTINGS.hasher(Clock.fixed(DEADLINE.minusSeconds(1), ZoneOffset.UTC)), null);

        assertThat(event.getHashKeyId()).isEqualTo("k2026");
        assertThat(event.getConsumerHash()).isEmpty();
        assertThat(event.getConsumerHashPrevious()).isEmpty();
    }

    @Test
    void withoutAHasherNothingIsStamped() {
        AccessEvent event = map(null, "ak_live_SECRET");

        assertThat(event.getHashKeyId()).isEmpty();
        assertThat(event.getConsumerHash()).isEmpty();
    }
}
