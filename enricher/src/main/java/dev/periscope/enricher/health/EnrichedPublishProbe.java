package dev.periscope.enricher.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.enricher.messaging.EnricherConsumerLifecycle;
import dev.periscope.kit.health.BackendProbe;

/** DOWN while a batch of enriched records could not be published and is being retried (offsets uncommitted). */
@ApplicationScoped
public class EnrichedPublishProbe implements BackendProbe {
    private final EnricherConsumerLifecycle consumer;

    public EnrichedPublishProbe(EnricherConsumerLifecycle consumer) {
        this.consumer = consumer;
    }

    @Override
    public String name() {
        return "enriched-publish";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        return consumer.failing().map(reason -> ProbeResult.down(reason + "; batch retried, offsets uncommitted"))
                .orElseGet(() -> ProbeResult.up("enriched records acknowledged"));
    }
}
