package dev.periscope.enricher.score;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer view of the scores: {@code periscope_risk_flag_fired_total{flag}},
 * {@code periscope_risk_score_distribution{axis=risk|posture}} (histogram buckets at the UI's bands) and
 * {@code periscope_unknown_risk_flags_total{flag}}. Per-flag counters exist only for catalog flags; a flag outside
 * the catalog (a peer with a newer catalog, or a hostile producer on the raw topic) is counted by name for the first
 * {@value #UNKNOWN_NAMES_CAP} names and as {@code flag="other"} after that, so meter cardinality stays bounded.
 */
public final class ScoreMetrics implements ScoreStage.ScoreObserver {
    static final int UNKNOWN_NAMES_CAP = 32;
    // the UI bands 0 | 1–9 | 10–24 | 25–39 | 40+ (0.5 stands for "exactly 0": boundaries must be positive)
    private static final double[] BANDS = {0.5, 9, 24, 39, 64, 128, 255};

    private final MeterRegistry registry;
    private final DistributionSummary risk;
    private final DistributionSummary posture;
    private final ConcurrentMap<String, Counter> fired = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> unknown = new ConcurrentHashMap<>();

    public ScoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.risk = distribution(registry, "risk");
        this.posture = distribution(registry, "posture");
    }

    private static DistributionSummary distribution(MeterRegistry registry, String axis) {
        return DistributionSummary.builder("periscope.risk.score.distribution").tag("axis", axis)
                .description("risk (threat axis) and posture (exposure axis) scores of enriched events")
                .serviceLevelObjectives(BANDS).register(registry);
    }

    @Override
    public void scored(Set<String> flags, RiskScores scores) {
        risk.record(scores.risk());
        posture.record(scores.posture());
        for (String flag : flags) {
            if (FlagCatalog.entry(flag).isPresent()) {
                fired.computeIfAbsent(flag, f -> registry.counter("periscope.risk.flag.fired", "flag", f)).increment();
            }
        }
    }

    @Override
    public void unknownFlag(String flag) {
        String name = unknown.containsKey(flag) || unknown.size() < UNKNOWN_NAMES_CAP ? flag : "other";
        unknown.computeIfAbsent(name, f -> registry.counter("periscope.unknown.risk.flags", "flag", f)).increment();
    }
}
