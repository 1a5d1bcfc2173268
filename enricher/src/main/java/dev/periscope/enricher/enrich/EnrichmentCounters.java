package dev.periscope.enricher.enrich;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.periscope.enricher.enrich.geoip.GeoLookupResult;

/** Plain counters of {@link EnrichmentMetrics}, for tests and benchmarks. Thread-safe. */
public final class EnrichmentCounters implements EnrichmentMetrics {
    private final Map<GeoLookupResult, LongAdder> lookups = new EnumMap<>(GeoLookupResult.class);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public EnrichmentCounters() {
        for (GeoLookupResult result : GeoLookupResult.values()) {
            lookups.put(result, new LongAdder());
        }
    }

    @Override
    public void geoLookup(GeoLookupResult result) {
        lookups.get(result).increment();
    }

    @Override
    public void failed(String enricher, FailureReason reason) {
        failures.computeIfAbsent(enricher + "/" + reason.tag(), key -> new LongAdder()).increment();
    }

    @Override
    public void took(String enricher, long nanos) {
        calls.computeIfAbsent(enricher, key -> new LongAdder()).increment();
    }

    public long geoLookups(GeoLookupResult result) {
        return lookups.get(result).sum();
    }

    public long failures(String enricher, FailureReason reason) {
        LongAdder adder = failures.get(enricher + "/" + reason.tag());
        return adder == null ? 0 : adder.sum();
    }

    /** Events an enricher was timed for. */
    public long timed(String enricher) {
        LongAdder adder = calls.get(enricher);
        return adder == null ? 0 : adder.sum();
    }
}
