package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.MutableClock;

class DetectorStageTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final RecordingSkips skips = new RecordingSkips();

    @ParameterizedTest(name = "event time {0} ms from the clock → uses event time {1}")
    @CsvSource({"0, true", "-3599000, true", "-3601000, false", "59000, true", "61000, false"})
    void eventTimeWithinBoundsElseTheClock(long offsetMillis, boolean usesEventTime) {
        DetectorStage stage = new DetectorStage(List.of(), List.of(), clock, skips);
        long ts = clock.millis() + offsetMillis;
        assertThat(stage.eventTime(ts)).isEqualTo(usesEventTime ? ts : clock.millis());
    }

    @Test
    void missingEventTimeUsesTheClock() {
        DetectorStage stage = new DetectorStage(List.of(), List.of(), clock, skips);
        assertThat(stage.eventTime(0)).isEqualTo(clock.millis());
    }

    @Test
    void aBacklogIsJudgedAtItsOwnPace() {
        Harness h = new Harness().detection("ip_rate", java.util.Map.of("enabled", true, "threshold", 10));
        long start = h.clock.millis() - Duration.ofMinutes(30).toMillis();
        // ten events that happened a minute apart, processed now in a burst: not a rate anomaly
        for (int i = 0; i < 10; i++) {
            assertThat(h.run(call("GET", "/x", 200).setTsMs(start + i * 60_000L).setSourceIp("198.51.100.3"), "/x"))
                    .doesNotContain(DetectorFlags.IP_RATE_ANOMALY);
        }
    }

    @Test
    void aThrowingDetectorIsCountedAndTheOthersStillRun() {
        Detector broken = new Detector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void observe(DetectorEvent event) {
                throw new IllegalStateException("boom");
            }
        };
        Detector flagger = new Detector() {
            @Override
            public String name() {
                return "flagger";
            }

            @Override
            public void observe(DetectorEvent event) {
                event.flag("seen");
            }
        };
        DetectorStage stage = new DetectorStage(List.of(broken, flagger), List.of(), clock, skips);
        var draft = Harness.draft(call("GET", "/", 200), "/");
        stage.apply(draft);
        assertThat(draft.flags()).contains("seen");
        assertThat(skips.count("broken", Skips.ERROR)).isEqualTo(1);
    }
}
