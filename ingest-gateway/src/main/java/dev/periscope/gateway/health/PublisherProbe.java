package dev.periscope.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.kit.health.BackendProbe;

/**
 * /readyz and the HealthReport see the raw-topic producer: DOWN while entries stall in the queue or sends fail, UP
 * again by itself once the producer delivers (see {@link RawEventPublisher#health()}).
 */
@ApplicationScoped
public class PublisherProbe implements BackendProbe {
    private final RawEventPublisher publisher;

    public PublisherProbe(RawEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "kafka-publisher";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        RawEventPublisher.Health health = publisher.health();
        return health.up() ? ProbeResult.up(health.detail()) : ProbeResult.down(health.detail());
    }
}
