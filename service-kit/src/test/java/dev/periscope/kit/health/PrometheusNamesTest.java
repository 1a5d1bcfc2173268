package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.kit.runtimeconfig.RuntimeConfigPoller;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The names infra/prometheus/alerts.yml alerts on, as the services' Prometheus registry (the one Quarkus uses)
 * really writes them: Micrometer's dots become underscores and counters gain {@code _total}.
 */
class PrometheusNamesTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void kitMetricsAsScraped() {
        new BackendGauges(registry).record(List.of(BackendStatus.newBuilder().setName("clickhouse")
                .setStatus(HealthStatus.HEALTH_STATUS_DOWN).build()));
        new KafkaConsumerFacts(registry);
        registry.counter(RuntimeConfigPoller.POLL_FAILURES).increment();
        registry.counter("periscope.dead_letters", "source", "periscope.access.enriched.v1").increment();
        registry.counter("periscope.events.dropped", "reason", "backpressure").increment();

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("periscope_backend_up{backend=\"clickhouse\",} 0.0")
                .contains("periscope_kafka_consumer_max_lag_records ")
                .contains("periscope_runtime_config_poll_failures_total 1.0")
                .contains("periscope_dead_letters_total{source=\"periscope.access.enriched.v1\",} 1.0")
                .contains("periscope_events_dropped_total{reason=\"backpressure\",} 1.0");
    }
}
