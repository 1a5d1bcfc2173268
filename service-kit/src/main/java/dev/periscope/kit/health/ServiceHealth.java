package dev.periscope.kit.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.config.KitConfig;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Probes every {@link BackendProbe} on a schedule (never on a request thread) and keeps the last result, which
 * /readyz and the HealthReport read.
 */
@ApplicationScoped
public class ServiceHealth {
    private final Instance<BackendProbe> probes;
    private final Instance<HealthFactsContributor> factContributors;
    private final InstanceIdentity identity;
    private final MeterRegistry registry;
    private final KitConfig config;
    private final BackendGauges backendGauges;
    private volatile List<BackendStatus> lastBackends = List.of();

    public ServiceHealth(@Any Instance<BackendProbe> probes, @Any Instance<HealthFactsContributor> factContributors,
            InstanceIdentity identity, MeterRegistry registry, KitConfig config) {
        this.probes = probes;
        this.factContributors = factContributors;
        this.identity = identity;
        this.registry = registry;
        this.config = config;
        this.backendGauges = new BackendGauges(registry);
    }

    @Scheduled(every = "${periscope.health.probe-interval:2s}", delayed = "0s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        List<BackendStatus> results = new ArrayList<>();
        for (BackendProbe probe : probes) {
            BackendProbe.ProbeResult result = probe.probe(config.health().probeTimeout());
            results.add(BackendStatus.newBuilder()
                    .setName(probe.name())
                    .setStatus(result.up() ? HealthStatus.HEALTH_STATUS_UP : HealthStatus.HEALTH_STATUS_DOWN)
                    .setDetail(result.detail())
                    .setCheckedAtMs(System.currentTimeMillis())
                    .build());
        }
        lastBackends = List.copyOf(results);
        backendGauges.record(lastBackends);
    }

    public List<BackendStatus> backends() {
        return lastBackends;
    }

    public HealthStatus status() {
        return HealthAssessment.status(lastBackends);
    }

    public boolean ready() {
        return status() == HealthStatus.HEALTH_STATUS_UP;
    }

    public HealthReport report() {
        List<BackendStatus> backends = lastBackends;
        Map<String, FactValue> facts = new TreeMap<>();
        for (HealthFactsContributor contributor : factContributors) {
            contributor.contribute(facts);
        }
        return HealthReport.newBuilder()
                .setService(identity.service())
                .setInstanceId(identity.instanceId())
                .setVersion(identity.version())
                .setTsMs(System.currentTimeMillis())
                .setStartedAtMs(identity.startedAt().toEpochMilli())
                .setStatus(HealthAssessment.status(backends))
                .setReason(HealthAssessment.reason(backends))
                .addAllBackends(backends)
                .putAllFacts(facts)
                .putAllCounters(CounterSnapshot.of(registry))
                .build();
    }
}
