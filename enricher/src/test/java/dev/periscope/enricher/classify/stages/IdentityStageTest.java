package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.HashSalt;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.config.Policy;
import dev.periscope.model.v1.AccessEvent;

class IdentityStageTest {
    private static final String SALT = "k3J9-pQ2x!Lm7vRt8wZ";
    private static final String OLD_SALT = "Zx8#qW2e-R5tY7uI9oP";
    private static final Instant DEADLINE = Instant.parse("2026-12-31T00:00:00Z");
    private static final RotatingHasher HASHER = RotatingHasher.of(HashSalt.parse(SALT), "k2026");

    private final IdentityCounters counters = new IdentityCounters();

    private AccessEvent run(Policy policy, RotatingHasher hasher, AccessEvent.Builder raw) {
        EventDraft draft = Events.draft(raw, new IdentityStage(policy, hasher, counters));
        return draft.build();
    }

    @Test
    void hashesIpAndUserAgentWithTheSaltAndDropsRawValuesByDefault() {
        AccessEvent out = run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200).setSourceIp("203.0.113.7"));

        // SHA-256("k3J9-pQ2x!Lm7vRt8wZ" + "203.0.113.7"), 16 hex (the released golden value)
        assertThat(out.getSourceIpHash()).isEqualTo("fd9cdd6ee4318b5d");
        assertThat(out.getUserAgentHash())
                .isEqualTo(HASHER.hash("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")).hasSize(16);
        assertThat(out.getSourceIp()).isEmpty();
        assertThat(out.getUserAgent()).isEmpty();
        assertThat(out.getHashKeyId()).isEqualTo("k2026");
        assertThat(out.getSourceIpHashPrevious()).isEmpty();
        assertThat(out.getUserAgentHashPrevious()).isEmpty();
    }

    @ParameterizedTest(name = "hashIp={0} hashUa={1} storeIp={2} storeUa={3}")
    @CsvSource({
        "true,  true,  false, false",
        "false, true,  false, false",
        "true,  false, false, false",
        "false, false, true,  true",
        "true,  true,  true,  false",
        "true,  true,  false, true",
    })
    void policySwitchesDecideWhatIsHashedAndWhatIsKept(boolean hashIp, boolean hashUa, boolean storeIp,
            boolean storeUa) {
        AccessEvent out = run(Events.policy(hashIp, hashUa, storeIp, storeUa), HASHER,
                Events.raw("GET", "/a", 200).setSourceIp("203.0.113.7").setUserAgent("curl/8.4.0"));

        assertThat(out.getSourceIpHash()).isEqualTo(hashIp ? "fd9cdd6ee4318b5d" : "");
        assertThat(out.getUserAgentHash()).isEqualTo(hashUa ? HASHER.hash("curl/8.4.0") : "");
        assertThat(out.getSourceIp()).isEqualTo(storeIp ? "203.0.113.7" : "");
        assertThat(out.getUserAgent()).isEqualTo(storeUa ? "curl/8.4.0" : "");
    }

    @Test
    void hashingOffAlsoClearsAHashAnUpstreamAlreadySet() {
        AccessEvent out = run(Events.policy(false, false, false, false), HASHER,
                Events.raw("GET", "/a", 200).setSourceIpHash("0123456789abcdef").setUserAgentHash("fedcba9876543210"));

        assertThat(out.getSourceIpHash()).isEmpty();
        assertThat(out.getUserAgentHash()).isEmpty();
    }

    @Test
    void emptyValuesStayEmptyHashes() {
        AccessEvent out = run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200).setSourceIp("").setUserAgent(""));

        assertThat(out.getSourceIpHash()).isEmpty();
        assertThat(out.getUserAgentHash()).isEmpty();
    }

    @Test
    void duringARotationBothHashesAreWrittenAndAfterItOnlyTheCurrentOne() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, "k2026", OLD_SALT, "k2025", DEADLINE.toString());
        AccessEvent.Builder raw = Events.raw("GET", "/a", 200).setSourceIp("203.0.113.7").setUserAgent("curl/8.4.0");

        AccessEvent during = run(Policy.defaults(),
                settings.hasher(Clock.fixed(DEADLINE.minusSeconds(1), ZoneOffset.UTC)), raw);
        AccessEvent after = run(Policy.defaults(), settings.hasher(Clock.fixed(DEADLINE, ZoneOffset.UTC)), raw);

        assertThat(during.getSourceIpHash()).isEqualTo("fd9cdd6ee4318b5d");
        // SHA-256("Zx8#qW2e-R5tY7uI9oP" + "203.0.113.7"), 16 hex
        assertThat(during.getSourceIpHashPrevious()).isEqualTo("8b5f522d4f4b50b1");
        assertThat(during.getUserAgentHashPrevious()).isNotEmpty().isNotEqualTo(during.getUserAgentHash());
        assertThat(during.getHashKeyId()).isEqualTo("k2026");
        assertThat(after.getSourceIpHash()).isEqualTo("fd9cdd6ee4318b5d");
        assertThat(after.getSourceIpHashPrevious()).isEmpty();
        assertThat(after.getUserAgentHashPrevious()).isEmpty();
    }

    @Test
    void noPreviousHashForAFieldWhoseHashingIsOff() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, "k2026", OLD_SALT, "k2025", DEADLINE.toString());

        AccessEvent out = run(Events.policy(false, true, false, false),
                settings.hasher(Clock.fixed(DEADLINE.minusSeconds(1), ZoneOffset.UTC)),
                Events.raw("GET", "/a", 200));

        assertThat(out.getSourceIpHashPrevious()).isEmpty();
        assertThat(out.getUserAgentHashPrevious()).isNotEmpty();
    }

    @Test
    void countsIdentifiedAnonymousAndKeyIdMismatches() {
        run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200).setConsumerHash("0011223344556677")
                .setConsumerScheme("jwt").setHashKeyId("k2026"));
        run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200).setConsumerHash("0011223344556677")
                .setHashKeyId("other"));
        run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200));

        assertThat(counters.identifiedCount()).isEqualTo(2);
        assertThat(counters.anonymousCount()).isEqualTo(1);
        assertThat(counters.keyIdMismatchCount()).isEqualTo(1);
    }

    @Test
    void consumerHashFromTheGatewayPassesThroughUntouched() {
        AccessEvent out = run(Policy.defaults(), HASHER, Events.raw("GET", "/a", 200)
                .setConsumerHash("0011223344556677").setConsumerHashPrevious("8899aabbccddeeff").setConsumerScheme("jwt"));

        assertThat(out.getConsumerHash()).isEqualTo("0011223344556677");
        assertThat(out.getConsumerHashPrevious()).isEqualTo("8899aabbccddeeff");
        assertThat(out.getConsumerScheme()).isEqualTo("jwt");
    }
}
