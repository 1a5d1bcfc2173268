package dev.periscope.enricher.messaging;

import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** What the consumer loop counts: enriched events (and their UA class), dead letters by reason, failed batches. */
public final class EnrichLoopMetrics {
    private final Counter enriched;
    private final MeterRegistry registry;
    private final Counter unpublishable;
    private final Counter publishErrors;
    private final DistributionSummary batchSize;
    private final EnrichedEventMetrics events;

    public EnrichLoopMetrics(MeterRegistry registry) {
        this.enriched = registry.counter("periscope.events.enriched");
        this.registry = registry;
        this.unpublishable = registry.counter("periscope.events.dropped", "reason", "unpublishable");
        this.publishErrors = Counter.builder("periscope.publish.errors")
                .description("batches whose enriched records could not all be published (retried)").register(registry);
        this.batchSize = DistributionSummary.builder("periscope.batch.size")
                .description("raw records per polled batch that was published and committed").register(registry);
        this.events = new EnrichedEventMetrics(registry);
    }

    void enriched(AccessEvent event) {
        enriched.increment();
        events.record(event);
    }

    /** A raw record dead-lettered instead of enriched: {@code malformed} bytes or an {@code enrich_error}. */
    void unusable(String reason) {
        registry.counter("periscope.events.dropped", "reason", reason).increment();
    }

    void unpublishable() {
        unpublishable.increment();
    }

    void publishFailed() {
        publishErrors.increment();
    }

    void batch(int records) {
        batchSize.record(records);
    }
}
