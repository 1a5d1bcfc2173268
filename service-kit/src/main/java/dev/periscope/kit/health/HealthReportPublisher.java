package dev.periscope.kit.health;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.config.KitConfig;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes this instance's HealthReport every interval and as soon as its state changes. */
@ApplicationScoped
public class HealthReportPublisher {
    private static final Logger LOG = Logger.getLogger(HealthReportPublisher.class);

    private final ServiceHealth health;
    private final InstanceIdentity identity;
    private final Emitter<HealthReport> emitter;
    private final MeterRegistry registry;
    private final KitConfig config;
    private volatile boolean started;
    private volatile String lastState = "";
    private volatile long lastPublishedAt;

    public HealthReportPublisher(ServiceHealth health, InstanceIdentity identity,
            @Channel("health-reports") @OnOverflow(value = OnOverflow.Strategy.DROP) Emitter<HealthReport> emitter,
            MeterRegistry registry, KitConfig config) {
        this.health = health;
        this.identity = identity;
        this.emitter = emitter;
        this.registry = registry;
        this.config = config;
    }

    /** The emitter's channel is wired only once the application has started. */
    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** Runs often; publishes on change immediately and otherwise once per interval. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!started) {
            return;
        }
        HealthReport report = health.report();
        String state = stateOf(report);
        long now = System.currentTimeMillis();
        boolean changed = !state.equals(lastState);
        boolean due = now - lastPublishedAt >= intervalMillis();
        if (changed || due) {
            if (changed) {
                LOG.infof("health %s: %s %s", identity.service(), report.getStatus(), report.getReason());
            }
            publish(report);
            lastState = state;
            lastPublishedAt = now;
        }
    }

    private long intervalMillis() {
        return config.health().interval().toMillis();
    }

    private void publish(HealthReport report) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, CloudEventHeaders.TYPE_HEALTH_REPORT, identity.eventSource(),
                ObjectIds.next(report.getTsMs()), Instant.ofEpochMilli(report.getTsMs()));
        Message<HealthReport> message = Message.of(report).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(RecordKeys.healthKey(report)).withHeaders(headers).build())
                .withNack(failure -> {
                    registry.counter("periscope.health.reports.failed").increment();
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            registry.counter("periscope.health.reports.sent").increment();
        } catch (RuntimeException e) {
            registry.counter("periscope.health.reports.failed").increment();
        }
    }

    private static String stateOf(HealthReport report) {
        List<BackendStatus> backends = report.getBackendsList();
        return report.getStatus() + "|" + backends.stream()
                .map(b -> b.getName() + "=" + b.getStatus())
                .collect(Collectors.joining(","))
                + "|" + Objects.hash(report.getFactsMap());
    }
}
