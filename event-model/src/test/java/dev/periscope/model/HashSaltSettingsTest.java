package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HashSaltSettingsTest {
    private static final String SALT = "k3J9-pQ2x!Lm7vRt8wZ";
    private static final String OLD_SALT = "Zx8#qW2e-R5tY7uI9oP";

    @Test
    void fingerprintIsTheFirst8HexOfThePrefixedSha256() {
        // SHA-256("periscope-salt-fingerprint:" + salt), first 8 hex (pinned)
        assertThat(HashSalt.parse(SALT).fingerprint()).isEqualTo("5fafa706");
        assertThat(HashSalt.parse(OLD_SALT).fingerprint()).isEqualTo("f4e36e73");
    }

    @Test
    void keyIdDefaultsToTheFingerprint() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT);

        assertThat(settings.keyId()).isEqualTo("5fafa706");
        assertThat(settings.fingerprint()).isEqualTo("5fafa706");
        assertThat(settings.previous()).isEmpty();
        assertThat(settings.hasher(Clock.systemUTC()).overlapActive()).isFalse();
    }

    @Test
    void explicitKeyIdIsKept() {
        assertThat(HashSaltSettings.parse(SALT, " k-2026.1 ", null, null, null).keyId()).isEqualTo("k-2026.1");
    }

    @Test
    void rotationWithDeadlineIsActiveBeforeAndOverAfter() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, "k2026", OLD_SALT, "k2025", "2026-12-31T00:00:00Z");
        Instant deadline = Instant.parse("2026-12-31T00:00:00Z");

        assertThat(settings.previousKeyId()).contains("k2025");
        assertThat(settings.overlapUntil()).contains(deadline);
        assertThat(settings.overlapActiveAt(deadline.minusSeconds(1))).isTrue();
        assertThat(settings.overlapActiveAt(deadline)).isFalse();
        RotatingHasher before = settings.hasher(Clock.fixed(deadline.minusSeconds(1), ZoneOffset.UTC));
        assertThat(before.previousHash("203.0.113.7")).isEqualTo("8b5f522d4f4b50b1");
        RotatingHasher after = settings.hasher(Clock.fixed(deadline, ZoneOffset.UTC));
        assertThat(after.previousHash("203.0.113.7")).isEmpty();
    }

    @Test
    void previousKeyIdDefaultsToThePreviousFingerprint() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, null, OLD_SALT, null, "2026-12-31T00:00:00Z");

        assertThat(settings.previousKeyId()).contains("f4e36e73");
    }

    @Test
    void deadlineWithAnOffsetIsAccepted() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, null, OLD_SALT, null, "2026-12-31T01:00:00+01:00");

        assertThat(settings.overlapUntil()).contains(Instant.parse("2026-12-31T00:00:00Z"));
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource(delimiter = '|', nullValues = "~", value = {
        "~                   | ~       | ~                   | ~     | ~                    | HASH_SALT is missing",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | Zx8#qW2e-R5tY7uI9oP | ~     | ~                    | HASH_SALT_PREVIOUS is set without HASH_SALT_OVERLAP_UNTIL",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | ~                   | ~     | 2026-12-31T00:00:00Z | HASH_SALT_OVERLAP_UNTIL is set without HASH_SALT_PREVIOUS",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | ~                   | k2025 | ~                    | HASH_SALT_PREVIOUS_KEY_ID is set without HASH_SALT_PREVIOUS",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | changeme            | ~     | 2026-12-31T00:00:00Z | HASH_SALT_PREVIOUS is a well-known placeholder",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | short               | ~     | 2026-12-31T00:00:00Z | HASH_SALT_PREVIOUS is too short",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | k3J9-pQ2x!Lm7vRt8wZ | ~     | 2026-12-31T00:00:00Z | HASH_SALT_PREVIOUS equals HASH_SALT",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | Zx8#qW2e-R5tY7uI9oP | ~     | next tuesday         | HASH_SALT_OVERLAP_UNTIL is not an ISO-8601 instant",
        "k3J9-pQ2x!Lm7vRt8wZ | ~       | Zx8#qW2e-R5tY7uI9oP | ~     | 2026-12-31           | HASH_SALT_OVERLAP_UNTIL is not an ISO-8601 instant",
        "k3J9-pQ2x!Lm7vRt8wZ | k 1     | ~                   | ~     | ~                    | HASH_SALT_KEY_ID must be",
        "k3J9-pQ2x!Lm7vRt8wZ | k1      | Zx8#qW2e-R5tY7uI9oP | -bad  | 2026-12-31T00:00:00Z | HASH_SALT_PREVIOUS_KEY_ID must be",
        "k3J9-pQ2x!Lm7vRt8wZ | same    | Zx8#qW2e-R5tY7uI9oP | same  | 2026-12-31T00:00:00Z | HASH_SALT_PREVIOUS_KEY_ID equals HASH_SALT_KEY_ID",
    })
    void invalidCombinationsFailWithOneLineNamingTheSetting(String salt, String keyId, String previous,
            String previousKeyId, String overlapUntil, String expectedStart) {
        assertThatThrownBy(() -> HashSaltSettings.parse(salt, keyId, previous, previousKeyId, overlapUntil))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expectedStart)
                .extracting(Throwable::getMessage).asString()
                .doesNotContain("\n").doesNotContain(OLD_SALT).doesNotContain(SALT);
    }

    @Test
    void weakPreviousSaltIsAWeakSaltError() {
        assertThatThrownBy(() -> HashSaltSettings.parse(SALT, null, "aaaaaaaaaaaaaaaaaaaa", null,
                "2026-12-31T00:00:00Z")).isInstanceOf(HashSalt.WeakHashSaltException.class)
                .hasMessageStartingWith("HASH_SALT_PREVIOUS is too repetitive");
    }

    @Test
    void toStringRevealsNoSalt() {
        HashSaltSettings settings = HashSaltSettings.parse(SALT, null, OLD_SALT, null, "2026-12-31T00:00:00Z");

        assertThat(settings.toString()).doesNotContain(SALT).doesNotContain(OLD_SALT).contains("5fafa706");
    }
}
