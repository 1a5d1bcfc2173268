package dev.periscope.readiness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import dev.periscope.readiness.domain.InstanceView;

class InstanceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InstanceRegistry registry = new InstanceRegistry(clock);

    private static HealthReport report(String service, String instance, Instant at, HealthStatus status) {
        return HealthReport.newBuilder()
                .setService(service)
                .setInstanceId(instance)
                .setVersion("1.2.3")
                .setTsMs(at.toEpochMilli())
                .setStartedAtMs(T0.minusSeconds(60).toEpochMilli())
                .setStatus(status)
                .setReason(status == HealthStatus.HEALTH_STATUS_UP ? "" : "clickhouse: unreachable")
                .addBackends(BackendStatus.newBuilder().setName("kafka").setStatus(HealthStatus.HEALTH_STATUS_UP)
                        .setDetail("1 broker(s)").setCheckedAtMs(at.toEpochMilli()))
                .putFacts("store.clickhouse.retention_days", FactValue.newBuilder().setIntValue(7).build())
                .putFacts("store.mongodb.embedded", FactValue.newBuilder().setBoolValue(true).build())
                .putCounters("events.dropped{reason=malformed}", 3.0)
                .build();
    }

    @Test
    void latestReportWins() {
        registry.record(report("event-writer", "a", T0, HealthStatus.HEALTH_STATUS_UP));
        boolean accepted = registry.record(report("event-writer", "a", T0.plusSeconds(5),
                HealthStatus.HEALTH_STATUS_DEGRADED));

        assertThat(accepted).isTrue();
        assertThat(registry.instances()).singleElement().satisfies(view -> {
            assertThat(view.status()).isEqualTo("DEGRADED");
            assertThat(view.reason()).isEqualTo("clickhouse: unreachable");
            assertThat(view.lastReportAt()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void anOlderReportArrivingLateIsIgnored() {
        registry.record(report("enricher", "a", T0.plusSeconds(10), HealthStatus.HEALTH_STATUS_UP));
        boolean accepted = registry.record(report("enricher", "a", T0, HealthStatus.HEALTH_STATUS_DOWN));

        assertThat(accepted).isFalse();
        assertThat(registry.instances()).singleElement()
                .satisfies(view -> assertThat(view.status()).isEqualTo("UP"));
    }

    @Test
    void ageIsTheTimeSinceTheLastReport() {
        registry.record(report("enricher", "a", T0, HealthStatus.HEALTH_STATUS_UP));
        clock.advance(Duration.ofMillis(12_500));
        assertThat(registry.instances().get(0).ageSeconds()).isEqualTo(12.5);

        registry.record(report("enricher", "a", T0.plusSeconds(12), HealthStatus.HEALTH_STATUS_UP));
        assertThat(registry.instances().get(0).ageSeconds()).isEqualTo(0.5);
    }

    @Test
    void aSilentInstanceIsStaleFirstAndForgottenAfterTheForgetPeriod() {
        InstanceRegistry forgetting = new InstanceRegistry(clock, Duration.ofMinutes(10));
        forgetting.record(report("enricher", "crashed", T0, HealthStatus.HEALTH_STATUS_UP));
        forgetting.record(report("enricher", "alive", T0, HealthStatus.HEALTH_STATUS_UP));

        clock.advance(Duration.ofMinutes(9));
        forgetting.record(report("enricher", "alive", T0.plus(Duration.ofMinutes(9)), HealthStatus.HEALTH_STATUS_UP));
        assertThat(forgetting.instances()).extracting(InstanceView::instanceId).containsExactly("alive", "crashed");

        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(forgetting.instances("enricher")).extracting(InstanceView::instanceId).containsExactly("alive");
        assertThat(forgetting.size()).isEqualTo(1);
    }

    @Test
    void aReportReplayedFromLongAgoIsNotResurrected() {
        clock.advance(Duration.ofHours(2));
        registry.record(report("enricher", "gone", T0, HealthStatus.HEALTH_STATUS_UP));

        assertThat(registry.instances()).isEmpty();
    }

    @Test
    void aReportFromTheFutureHasAgeZero() {
        registry.record(report("enricher", "a", T0.plusSeconds(3), HealthStatus.HEALTH_STATUS_UP));
        assertThat(registry.instances().get(0).ageSeconds()).isZero();
    }

    @Test
    void instancesAreKeyedByServiceAndInstanceAndFilterableByService() {
        registry.record(report("inventory-writer", "b", T0, HealthStatus.HEALTH_STATUS_UP));
        registry.record(report("enricher", "z", T0, HealthStatus.HEALTH_STATUS_UP));
        registry.record(report("enricher", "a", T0, HealthStatus.HEALTH_STATUS_UP));
        registry.record(report("inventory-writer", "a", T0, HealthStatus.HEALTH_STATUS_UP));

        assertThat(registry.instances()).extracting(v -> v.service() + "/" + v.instanceId())
                .containsExactly("enricher/a", "enricher/z", "inventory-writer/a", "inventory-writer/b");
        assertThat(registry.instances("enricher")).extracting(InstanceView::instanceId).containsExactly("a", "z");
        assertThat(registry.instances("nope")).isEmpty();
    }

    @Test
    void aTombstoneRemovesTheInstance() {
        registry.record(report("enricher", "a", T0, HealthStatus.HEALTH_STATUS_UP));
        registry.remove("enricher/a");
        assertThat(registry.instances()).isEmpty();
    }

    @Test
    void viewCarriesBackendsFactsAndCountersAsPlainValues() {
        registry.record(report("event-writer", "a", T0, HealthStatus.HEALTH_STATUS_UP));
        InstanceView view = registry.instances().get(0);
        assertThat(view.version()).isEqualTo("1.2.3");
        assertThat(view.startedAt()).isEqualTo(T0.minusSeconds(60));
        assertThat(view.backends()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("kafka");
            assertThat(b.status()).isEqualTo("UP");
            assertThat(b.detail()).isEqualTo("1 broker(s)");
        });
        assertThat(view.facts()).containsEntry("store.clickhouse.retention_days", 7L)
                .containsEntry("store.mongodb.embedded", true);
        assertThat(view.counters()).containsEntry("events.dropped{reason=malformed}", 3.0);
    }
}
