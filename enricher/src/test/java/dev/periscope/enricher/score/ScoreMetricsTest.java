package dev.periscope.enricher.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ScoreMetricsTest {

    @Test
    void countsCatalogFlagsAndRecordsBothAxes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreMetrics metrics = new ScoreMetrics(registry);

        metrics.scored(Set.of("bola_suspect", "missing_csp"), new RiskScores(7, 1));
        metrics.scored(Set.of("bola_suspect"), new RiskScores(7, 0));

        assertThat(registry.counter("periscope.risk.flag.fired", "flag", "bola_suspect").count()).isEqualTo(2);
        assertThat(registry.counter("periscope.risk.flag.fired", "flag", "missing_csp").count()).isEqualTo(1);
        assertThat(registry.get("periscope.risk.score.distribution").tag("axis", "risk").summary().totalAmount())
                .isEqualTo(14);
        assertThat(registry.get("periscope.risk.score.distribution").tag("axis", "posture").summary().count())
                .isEqualTo(2);
    }

    @Test
    void aFloodOfUnknownFlagNamesKeepsMeterCardinalityBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreMetrics metrics = new ScoreMetrics(registry);

        for (int i = 0; i < 1_000; i++) {
            metrics.unknownFlag("junk_" + i);
        }
        metrics.scored(Set.of("junk_999"), new RiskScores(0, 0));

        assertThat(registry.find("periscope.unknown.risk.flags").counters())
                .hasSize(ScoreMetrics.UNKNOWN_NAMES_CAP + 1);
        assertThat(registry.counter("periscope.unknown.risk.flags", "flag", "other").count())
                .isEqualTo(1_000 - ScoreMetrics.UNKNOWN_NAMES_CAP);
        assertThat(registry.find("periscope.risk.flag.fired").counters()).isEmpty();
    }
}
