package dev.periscope.enricher.detect;

import java.time.Clock;
import java.time.Instant;

/**
 * The behaviour detectors stay quiet for {@code startup_suppress_seconds} after the process started: baselines
 * restored from a snapshot may be stale and freshly started ones are thin. Uses the wall clock, not event time.
 */
public final class StartupSuppression {
    private final Clock clock;
    private final Instant startedAt;

    public StartupSuppression(Clock clock, Instant startedAt) {
        this.clock = clock;
        this.startedAt = startedAt;
    }

    public boolean suppressed(int suppressSeconds) {
        return clock.millis() < startedAt.toEpochMilli() + suppressSeconds * 1000L;
    }

    /** Raises {@code flag} on the event, or counts a {@code startup} skip of {@code detector} while suppressed. */
    public void flagUnlessSuppressed(DetectorEvent event, String flag, int suppressSeconds, String detector,
            SkipListener skips) {
        if (suppressed(suppressSeconds)) {
            skips.skipped(detector, Skips.STARTUP);
        } else {
            event.flag(flag);
        }
    }
}
