package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;

class LockoutTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Lockout lockout = new Lockout(3, Duration.ofMinutes(15), Duration.ofMinutes(10), clock);

    @Test
    void locksAnAddressAfterMaxFailuresForTheCoolDown() {
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.lockedFor("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).contains(Duration.ofMinutes(10));

        assertThat(lockout.lockedFor("10.0.0.1")).contains(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(4));
        assertThat(lockout.lockedFor("10.0.0.1")).contains(Duration.ofMinutes(6));
        // other addresses are not affected
        assertThat(lockout.lockedFor("10.0.0.2")).isEmpty();

        clock.advance(Duration.ofMinutes(6));
        assertThat(lockout.lockedFor("10.0.0.1")).isEmpty();
        // after the cool-down it starts counting again from zero
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.lockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        lockout.recordFailure("10.0.0.1");
        lockout.recordFailure("10.0.0.1");
        clock.advance(Duration.ofMinutes(15));
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.lockedFor("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).isPresent();
    }

    @Test
    void aSuccessClearsTheFailuresButNotALockout() {
        lockout.recordFailure("10.0.0.1");
        lockout.recordFailure("10.0.0.1");
        lockout.recordSuccess("10.0.0.1");
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).isEmpty();
        assertThat(lockout.recordFailure("10.0.0.1")).isPresent();
        lockout.recordSuccess("10.0.0.1");
        assertThat(lockout.lockedFor("10.0.0.1")).isPresent();
    }

    @Test
    void needsAtLeastOneFailure() {
        assertThatThrownBy(() -> new Lockout(0, Duration.ofMinutes(1), Duration.ofMinutes(1), clock))
                .hasMessageContaining("at least 1");
    }
}
