package dev.periscope.gateway.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.periscope.gateway.filter.IngestFilterProvider;
import dev.periscope.gateway.health.SourceIpMix;
import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.kit.messaging.NativeLz4;
import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.gateway.service.AccessLogIngestService;
import dev.periscope.gateway.service.BackpressurePolicy;
import dev.periscope.gateway.service.EventFilter;
import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Assembles the plain-Java ingest pipeline (mapper → stream → filter → publisher) from configuration, in one place. */
@ApplicationScoped
public class GatewayBeans {
    private static final Logger LOG = Logger.getLogger(GatewayBeans.class);
    /** Kept between the drain and the producer close so the whole shutdown fits SHUTDOWN_TIMEOUT. */
    static final Duration MIN_CLOSE_BUDGET = Duration.ofSeconds(1);

    @Produces
    @Singleton
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Produces
    @Singleton
    AccessLogEntryMapper accessLogEntryMapper(GatewayConfig config, InstanceIdentity identity, RotatingHasher hasher,
            RuntimeConfigHolder runtimeConfig) {
        AtomicReference<PrivacyPolicy> privacy = new AtomicReference<>(PrivacyPolicy.from(runtimeConfig.current().policy()));
        runtimeConfig.subscribe(applied -> privacy.set(PrivacyPolicy.from(applied.policy())));
        return new AccessLogEntryMapper(identity.instanceId(), privacy::get, hasher, config.authHeaders());
    }

    /** Created at start-up on the main thread: building a KafkaProducer must not happen on the gRPC event loop. */
    @Produces
    @Singleton
    @Startup
    RawEventPublisher rawEventPublisher(GatewayConfig config, InstanceIdentity identity, IngestMetrics metrics,
            MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        GatewayConfig.Publisher settings = config.publisher();
        LOG.infof("raw-topic producer: compression %s (lz4 implementation: %s)", settings.compression(),
                NativeLz4.enable());
        KafkaProducer<String, AccessEvent> producer = new KafkaProducer<>(RawEventPublisher.producerProperties(
                bootstrapServers, identity.service() + "-" + identity.instanceId(), settings));
        RawEventPublisher publisher = new RawEventPublisher(producer, settings.queueSize(),
                BackpressurePolicy.parse(settings.backpressurePolicy()), identity.eventSource(), metrics,
                publisherSettings(config));
        Gauge.builder(IngestMetrics.QUEUE_DEPTH, publisher, RawEventPublisher::queueDepth)
                .description("entries waiting for the Kafka producer").register(registry);
        Gauge.builder(IngestMetrics.BLOCKED_STREAMS, publisher, RawEventPublisher::blockedStreams)
                .description("streams paused by the block back-pressure policy").register(registry);
        return publisher.start();
    }

    static RawEventPublisher.Settings publisherSettings(GatewayConfig config) {
        GatewayConfig.Publisher settings = config.publisher();
        Duration drain = min(settings.drainTimeout(), config.shutdownTimeout().minus(MIN_CLOSE_BUDGET));
        Duration close = max(MIN_CLOSE_BUDGET, config.shutdownTimeout().minus(drain));
        return new RawEventPublisher.Settings(settings.stallThreshold(), drain, close,
                new RetryBackoff(Duration.ofMillis(100), settings.retryBackoffMax(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                settings.deliveryTimeout(), settings.rawTopic());
    }

    void closeRawEventPublisher(@Disposes RawEventPublisher publisher) {
        publisher.close(); // idempotent; normally already closed by GatewayShutdown
    }

    /**
     * The runtime ingest filter: the active runtime config's exclusions, asked per entry before it is queued. Every
     * mapped entry passes here once, so it also feeds the source-IP window of the health facts.
     */
    @Produces
    @Singleton
    EventFilter eventFilter(IngestFilterProvider provider, SourceIpMix sourceIps) {
        return event -> {
            sourceIps.record(event.getSourceIp());
            return provider.current().dropReason(event);
        };
    }

    @Produces
    @Singleton
    @Startup
    AccessLogIngestService accessLogIngestService(AccessLogEntryMapper mapper, RawEventPublisher publisher,
            EventFilter filter, IngestMetrics metrics) {
        return new AccessLogIngestService(mapper, publisher, filter, metrics, System::currentTimeMillis);
    }

    @Produces
    @Singleton
    IngestAccountant ingestAccountant(IngestMetrics metrics, RawEventPublisher publisher) {
        return new IngestAccountant(metrics, publisher);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
