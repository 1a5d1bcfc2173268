package dev.periscope.gateway.config;

import java.util.HashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.gateway.service.AccessLogIngestService;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.MeterRegistry;

/** Assembles the plain-Java ingest pipeline (mapper → stream → publisher) from configuration, in one place. */
@ApplicationScoped
public class GatewayBeans {

    @Produces
    @Singleton
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Produces
    @Singleton
    AccessLogEntryMapper accessLogEntryMapper(GatewayConfig config, InstanceIdentity identity) {
        return new AccessLogEntryMapper(identity.instanceId(), config.maxQueryParams(), config.authHeaders());
    }

    @Produces
    @Singleton
    RawEventPublisher rawEventPublisher(GatewayConfig config, InstanceIdentity identity, IngestMetrics metrics,
            MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        KafkaProducer<String, AccessEvent> producer = new KafkaProducer<>(new HashMap<>(RawEventPublisher
                .producerProperties(bootstrapServers, identity.service() + "-" + identity.instanceId(),
                        config.publisher())));
        RawEventPublisher publisher = new RawEventPublisher(producer, config.publisher().queueSize(),
                identity.eventSource(), metrics, config.publisher().drainTimeout());
        registry.gauge("periscope.publisher.queue.depth", publisher, RawEventPublisher::queueDepth);
        return publisher.start();
    }

    void closeRawEventPublisher(@Disposes RawEventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    AccessLogIngestService accessLogIngestService(AccessLogEntryMapper mapper, RawEventPublisher publisher,
            IngestMetrics metrics) {
        return new AccessLogIngestService(mapper, publisher, metrics, System::currentTimeMillis);
    }
}
