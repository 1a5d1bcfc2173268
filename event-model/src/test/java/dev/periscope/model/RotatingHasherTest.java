package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;

class RotatingHasherTest {
    private static final String SALT = "k3J9-pQ2x!Lm7vRt8wZ";
    private static final String OLD_SALT = "Zx8#qW2e-R5tY7uI9oP";
    private static final Instant DEADLINE = Instant.parse("2026-12-31T00:00:00Z");

    @Test
    void currentHashKeepsTheGoldenValueOfSaltedHasher() {
        RotatingHasher hasher = RotatingHasher.of(HashSalt.parse(SALT), "k2026");

        // SHA-256("k3J9-pQ2x!Lm7vRt8wZ" + "203.0.113.7"), first 16 hex (pinned, as released)
        assertThat(hasher.hash("203.0.113.7")).isEqualTo("fd9cdd6ee4318b5d");
        assertThat(hasher.current().hash("203.0.113.7")).isEqualTo("fd9cdd6ee4318b5d");
        assertThat(hasher.keyId()).isEqualTo("k2026");
    }

    @Test
    void withoutRotationThereIsNeverAPreviousHash() {
        RotatingHasher hasher = RotatingHasher.of(HashSalt.parse(SALT), "k2026");

        assertThat(hasher.overlapActive()).isFalse();
        assertThat(hasher.previousHash("203.0.113.7")).isEmpty();
        assertThat(hasher.activePrevious()).isEmpty();
        assertThat(hasher.previousKeyId()).isEmpty();
        assertThat(hasher.overlapUntil()).isEmpty();
    }

    @Test
    void duringTheOverlapBothHashesAreComputed() {
        MutableClock clock = new MutableClock(DEADLINE.minusSeconds(3600));
        RotatingHasher hasher = RotatingHasher.rotating(HashSalt.parse(SALT), "k2026", HashSalt.parse(OLD_SALT),
                "k2025", DEADLINE, clock);

        assertThat(hasher.overlapActive()).isTrue();
        assertThat(hasher.hash("203.0.113.7")).isEqualTo("fd9cdd6ee4318b5d");
        // SHA-256("Zx8#qW2e-R5tY7uI9oP" + "203.0.113.7"), first 16 hex
        assertThat(hasher.previousHash("203.0.113.7")).isEqualTo("8b5f522d4f4b50b1");
        assertThat(hasher.activePrevious()).get().extracting(p -> p.hash("203.0.113.7"))
                .isEqualTo("8b5f522d4f4b50b1");
        assertThat(hasher.previousHash("")).isEmpty();
        assertThat(hasher.previousKeyId()).contains("k2025");
    }

    @Test
    void theOverlapEndsExactlyAtTheDeadline() {
        MutableClock clock = new MutableClock(DEADLINE.minusMillis(1));
        RotatingHasher hasher = RotatingHasher.rotating(HashSalt.parse(SALT), "k2026", HashSalt.parse(OLD_SALT),
                "k2025", DEADLINE, clock);
        assertThat(hasher.previousHash("x")).isNotEmpty();

        clock.set(DEADLINE);

        assertThat(hasher.overlapActive()).isFalse();
        assertThat(hasher.previousHash("x")).isEmpty();
        assertThat(hasher.activePrevious()).isEmpty();
        assertThat(hasher.hash("203.0.113.7")).isEqualTo("fd9cdd6ee4318b5d");
    }

    @Test
    void toStringNamesKeysButNoSecret() {
        RotatingHasher hasher = RotatingHasher.rotating(HashSalt.parse(SALT), "k2026", HashSalt.parse(OLD_SALT),
                "k2025", DEADLINE, Clock.systemUTC());

        assertThat(hasher.toString()).contains("k2026", "k2025").doesNotContain(SALT, OLD_SALT);
    }
}
