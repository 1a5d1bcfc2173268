package dev.periscope.kit.health;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes this instance's HealthReport every interval and as soon as its state changes. */
@ApplicationScoped
public class HealthReportPublisher {
    private static final Logger LOG = Logger.getLogger(HealthReportPublisher.class);

    private final ServiceHealth health;
    private final InstanceIdentity identity;
    private final Emitter<Record<String, HealthReport>> emitter;
    private final MeterRegistry registry;
    private final KitConfig config;
    private volatile boolean started;
    private volatile String lastState = "";
    private volatile long lastPublishedAt;

    public HealthReportPublisher(ServiceHealth health, InstanceIdentity identity,
            @Channel("health-reports") @OnOverflow(value = OnOverflow.Strategy.DROP)
            Emitter<Record<String, HealthReport>> emitter,
            MeterRegistry registry, KitConfig config) {
        this.health = health;
        this.identity = identity;
        this.emitter = emitter;
        this.registry = registry;
        this.config = config;
    }

    /**
     * A stopped instance leaves the readiness view: a tombstone on its compacted key. Best effort within two
     * seconds; an instance that dies without shutting down shows up as stale instead.
     */
    synchronized void onStop(@Observes ShutdownEvent event) {
        if (!started) {
            return;
        }
        started = false; // no report may overtake the tombstone
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String key = identity.service() + "/" + identity.instanceId();
        try {
            emitter.send(Message.of(Record.<String, HealthReport>of(key, null)).withAck(() -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(failure -> {
                acked.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
            acked.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("could not withdraw the health report of %s: %s", key, e.toString());
        }
    }

    /** The emitter's channel is wired only once the application has started. */
    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** Runs often; publishes on change immediately and otherwise once per interval. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void tick() {
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
        Message<Record<String, HealthReport>> message = Message.of(Record.of(RecordKeys.healthKey(report), report))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build())
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
