package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.v1.FactValue;

class KitFactsTest {
    private static final String SALT = "k3J9-pQ2x!Lm7vRt8wZ";
    private static final String OLD_SALT = "Zx8#qW2e-R5tY7uI9oP";
    private static final Instant DEADLINE = Instant.parse("2026-12-31T00:00:00Z");

    @Test
    void withoutRotationTheFactsNameTheFingerprintAsKeyId() {
        Map<String, FactValue> facts = new HashMap<>();

        KitFacts.hashSaltFacts(HashSaltSettings.parse(SALT), Clock.systemUTC(), facts);

        assertThat(facts.get("security.hash_salt.fingerprint").getStringValue()).isEqualTo("5fafa706");
        assertThat(facts.get("security.hash_salt.key_id").getStringValue()).isEqualTo("5fafa706");
        assertThat(facts.get("security.hash_salt.rotation_overlap").getBoolValue()).isFalse();
    }

    @Test
    void rotationOverlapIsTrueOnlyBeforeTheDeadline() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, "k2026", OLD_SALT, "k2025", DEADLINE.toString());
        Map<String, FactValue> before = new HashMap<>();
        Map<String, FactValue> after = new HashMap<>();

        KitFacts.hashSaltFacts(settings, Clock.fixed(DEADLINE.minusSeconds(60), ZoneOffset.UTC), before);
        KitFacts.hashSaltFacts(settings, Clock.fixed(DEADLINE, ZoneOffset.UTC), after);

        assertThat(before.get("security.hash_salt.key_id").getStringValue()).isEqualTo("k2026");
        assertThat(before.get("security.hash_salt.rotation_overlap").getBoolValue()).isTrue();
        assertThat(after.get("security.hash_salt.rotation_overlap").getBoolValue()).isFalse();
    }

    @Test
    void noFactCarriesTheSalt() {
        Map<String, FactValue> facts = new HashMap<>();

        KitFacts.hashSaltFacts(HashSaltSettings.parse(SALT, null, OLD_SALT, null, DEADLINE.toString()),
                Clock.systemUTC(), facts);

        assertThat(facts.values()).allSatisfy(value -> assertThat(value.toString())
                .doesNotContain(SALT).doesNotContain(OLD_SALT));
    }
}
