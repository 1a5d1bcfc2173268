package dev.periscope.enricher.enrich.threatintel;

import java.util.Objects;
import java.util.function.Supplier;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentMetrics;
import dev.periscope.enricher.enrich.EnrichmentMetrics.FailureReason;
import dev.periscope.model.config.CidrBlock;

/**
 * Looks the raw downstream address ({@code raw.source_ip}) up in every threat-intel feed. On a hit: tags
 * {@code ti.hit=true} and {@code ti.source=<comma-joined feed names>} and raises {@code threat_intel_hit}; on a
 * miss, nothing. Reads the raw event only, so it may run anywhere in the pipeline. A lookup that ran past the
 * {@link EnrichmentBudget} is discarded (counted as a timeout), one that throws is skipped (counted as an error).
 */
public final class ThreatIntelStage implements ClassificationStage {
    public static final String HIT_TAG = "ti.hit";
    public static final String SOURCE_TAG = "ti.source";
    public static final String FLAG = dev.periscope.enricher.classify.Flags.THREAT_INTEL_HIT;

    private final Supplier<ThreatIntelFeeds> feeds;
    private final EnrichmentBudget budget;
    private final EnrichmentMetrics metrics;

    /** A stage with no data at all (tests and benchmarks of the rest of the pipeline): tags nothing, counts nothing. */
    public static ThreatIntelStage withoutData() {
        return new ThreatIntelStage(() -> ThreatIntelFeeds.NONE, EnrichmentBudget.of(java.time.Duration.ofMillis(50)),
                new dev.periscope.enricher.enrich.EnrichmentCounters());
    }

    public ThreatIntelStage(Supplier<ThreatIntelFeeds> feeds, EnrichmentBudget budget, EnrichmentMetrics metrics) {
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String name() {
        return EnrichmentMetrics.THREAT_INTEL;
    }

    @Override
    public void apply(EventDraft draft) {
        long start = budget.start();
        try {
            ThreatIntelFeeds active = feeds.get();
            if (active.isEmpty()) {
                return;
            }
            byte[] address = CidrBlock.parseAddress(draft.raw().getSourceIp());
            if (address == null) {
                return;
            }
            String matching = active.matchingFeeds(address);
            if (budget.exceeded(start)) {
                metrics.failed(EnrichmentMetrics.THREAT_INTEL, FailureReason.TIMEOUT);
                return;
            }
            if (matching != null) {
                draft.tag(HIT_TAG, "true");
                draft.tag(SOURCE_TAG, matching);
                draft.flag(FLAG);
            }
        } catch (RuntimeException e) {
            metrics.failed(EnrichmentMetrics.THREAT_INTEL, FailureReason.ERROR);
        } finally {
            metrics.took(EnrichmentMetrics.THREAT_INTEL, budget.elapsed(start));
        }
    }
}
