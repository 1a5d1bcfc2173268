package dev.periscope.enricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.enricher.enrich.EnrichmentMetrics.FailureReason;
import dev.periscope.enricher.enrich.geoip.GeoLookupResult;
import dev.periscope.enricher.enrich.threatintel.FeedGauges;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeedSource;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelSync;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The exported Prometheus names and labels the README documents. */
class MicrometerEnrichmentMetricsTest {

    @Test
    void prometheusNamesAndLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerEnrichmentMetrics metrics = new MicrometerEnrichmentMetrics(registry);

        metrics.geoLookup(GeoLookupResult.NO_DATABASE);
        metrics.geoLookup(GeoLookupResult.HIT);
        metrics.geoLookup(GeoLookupResult.HIT);
        metrics.failed(EnrichmentMetrics.THREAT_INTEL, FailureReason.TIMEOUT);
        metrics.took(EnrichmentMetrics.GEOIP, 2_000_000);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("periscope_geoip_lookups_total{result=\"hit\",} 2.0")
                .contains("periscope_geoip_lookups_total{result=\"no_database\",} 1.0")
                .contains("periscope_geoip_lookups_total{result=\"internal\",} 0.0")
                .contains("periscope_enrich_errors_total{enricher=\"threat_intel\",reason=\"timeout\",} 1.0")
                .contains("periscope_enrich_errors_total{enricher=\"geoip\",reason=\"error\",} 0.0")
                .contains("periscope_enrich_duration_seconds_count{enricher=\"geoip\",} 1.0")
                .contains("periscope_enrich_duration_seconds_sum{enricher=\"geoip\",} 0.002");
    }

    @Test
    void feedGaugesFollowEverySwap() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, String> stored = new HashMap<>(Map.of("tor", "192.0.2.0/24\n192.0.2.9\nbogus", "abuse",
                "198.51.100.1"));
        ThreatIntelSync sync = new ThreatIntelSync(new ThreatIntelFeedSource() {
            @Override
            public Map<String, String> versions() {
                Map<String, String> versions = new HashMap<>();
                stored.forEach((name, entries) -> versions.put(name, Integer.toString(entries.hashCode())));
                return versions;
            }

            @Override
            public List<Object> entries(String feed) {
                return List.of(stored.get(feed));
            }
        });
        FeedGauges.register(registry, sync);

        sync.syncNow();
        assertThat(registry.scrape())
                .contains("periscope_threatintel_feed_entries{feed=\"tor\",} 2.0")
                .contains("periscope_threatintel_feed_entries{feed=\"abuse\",} 1.0")
                .contains("periscope_threatintel_feed_invalid{feed=\"tor\",} 1.0");

        stored.remove("tor");
        sync.syncNow();
        assertThat(registry.scrape()).doesNotContain("feed=\"tor\"")
                .contains("periscope_threatintel_feed_entries{feed=\"abuse\",} 1.0");
    }
}
