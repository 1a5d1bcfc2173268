package dev.periscope.readiness.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.periscope.model.serde.HealthReportDeserializer;
import dev.periscope.readiness.service.InstanceRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every HealthReport of periscope.ops.health.v1 into the registry. Each readiness instance must see every report,
 * so the channel uses a consumer group of its own per process and reads from the earliest retained record (the
 * compacted topic still holds each instance's latest report); nothing is committed.
 */
@ApplicationScoped
public class HealthReportConsumer {
    private static final Logger LOG = Logger.getLogger(HealthReportConsumer.class);

    private final InstanceRegistry instances;
    private final MeterRegistry registry;
    private final HealthReportDeserializer deserializer = new HealthReportDeserializer();

    public HealthReportConsumer(InstanceRegistry instances, MeterRegistry registry) {
        this.instances = instances;
        this.registry = registry;
    }

    @Incoming("instance-health")
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                instances.remove(record.key());
            }
            return;
        }
        try {
            boolean latest = instances.record(deserializer.deserialize(record.topic(), record.value()));
            registry.counter("periscope.health.reports.received", "outcome", latest ? "latest" : "stale").increment();
        } catch (SerializationException e) {
            registry.counter("periscope.health.reports.dropped", "reason", "malformed").increment();
            LOG.debugf("malformed health report at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }
}
