package dev.periscope.enricher.enrich;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.periscope.enricher.enrich.geoip.GeoLookupResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link EnrichmentMetrics} over Micrometer: {@code periscope_geoip_lookups_total{result}},
 * {@code periscope_enrich_errors_total{enricher,reason}}, {@code periscope_enrich_duration_seconds{enricher}}.
 * Every meter is created up front; the hot path only increments.
 */
public final class MicrometerEnrichmentMetrics implements EnrichmentMetrics {
    public static final String LOOKUPS = "periscope.geoip.lookups";
    public static final String ERRORS = "periscope.enrich.errors";
    public static final String DURATION = "periscope.enrich.duration";

    private final Map<GeoLookupResult, Counter> lookups = new EnumMap<>(GeoLookupResult.class);
    private final Map<String, Counter> failures;
    private final Map<String, Timer> durations;

    public MicrometerEnrichmentMetrics(MeterRegistry registry) {
        for (GeoLookupResult result : GeoLookupResult.values()) {
            lookups.put(result, Counter.builder(LOOKUPS).tag("result", result.tag())
                    .description("events at the GeoIP stage by outcome").register(registry));
        }
        failures = Map.of(
                key(GEOIP, FailureReason.TIMEOUT), errors(registry, GEOIP, FailureReason.TIMEOUT),
                key(GEOIP, FailureReason.ERROR), errors(registry, GEOIP, FailureReason.ERROR),
                key(THREAT_INTEL, FailureReason.TIMEOUT), errors(registry, THREAT_INTEL, FailureReason.TIMEOUT),
                key(THREAT_INTEL, FailureReason.ERROR), errors(registry, THREAT_INTEL, FailureReason.ERROR));
        durations = Map.of(GEOIP, timer(registry, GEOIP), THREAT_INTEL, timer(registry, THREAT_INTEL));
    }

    @Override
    public void geoLookup(GeoLookupResult result) {
        lookups.get(result).increment();
    }

    @Override
    public void failed(String enricher, FailureReason reason) {
        Counter counter = failures.get(key(enricher, reason));
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void took(String enricher, long nanos) {
        Timer timer = durations.get(enricher);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static String key(String enricher, FailureReason reason) {
        return enricher + "/" + reason.tag();
    }

    private static Counter errors(MeterRegistry registry, String enricher, FailureReason reason) {
        return Counter.builder(ERRORS).tag("enricher", enricher).tag("reason", reason.tag())
                .description("enrichment steps skipped: a stage threw, a lookup failed or ran past the budget")
                .register(registry);
    }

    private static Timer timer(MeterRegistry registry, String enricher) {
        return Timer.builder(DURATION).tag("enricher", enricher).description("time an enricher spent on one event")
                .register(registry);
    }
}
