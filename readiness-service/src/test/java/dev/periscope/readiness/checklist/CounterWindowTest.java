package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CounterWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LONG_AGO = T0.minus(Duration.ofDays(1));
    private final CounterWindow window = new CounterWindow(Duration.ofMinutes(15));

    private Map<String, Double> sample(Instant startedAt, int minute, double value) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return window.increase("svc/a", startedAt, at, Map.of("drops", value), at);
    }

    @Test
    void theWholeValueCountsUntilAWindowHasBeenWatched() {
        assertThat(sample(LONG_AGO, 0, 100)).containsEntry("drops", 100.0);
        assertThat(sample(LONG_AGO, 14, 104)).containsEntry("drops", 104.0);
        assertThat(sample(LONG_AGO, 15, 104)).containsEntry("drops", 4.0);
    }

    @Test
    void growthOverTheLastWindowOnceCovered() {
        sample(LONG_AGO, 0, 100);
        sample(LONG_AGO, 10, 110);
        sample(LONG_AGO, 16, 110);
        // baseline is the newest sample at least 15 minutes old: minute 10 at minute 26
        assertThat(sample(LONG_AGO, 26, 112)).containsEntry("drops", 2.0);
        assertThat(sample(LONG_AGO, 45, 112)).containsEntry("drops", 0.0);
    }

    @Test
    void aRestartResetsTheHistory() {
        sample(LONG_AGO, 0, 100);
        Instant restartedAt = T0.plus(Duration.ofMinutes(4));
        assertThat(sample(restartedAt, 5, 3)).containsEntry("drops", 3.0);
    }

    @Test
    void aCounterBelowItsBaselineCountsWhole() {
        sample(LONG_AGO, 0, 100);
        assertThat(sample(LONG_AGO, 5, 6)).containsEntry("drops", 6.0);
    }
}
