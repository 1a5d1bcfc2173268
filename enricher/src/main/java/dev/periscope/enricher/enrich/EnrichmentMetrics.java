package dev.periscope.enricher.enrich;

import dev.periscope.enricher.enrich.geoip.GeoLookupResult;

/**
 * What the enrichers report per event. Implemented over Micrometer by the service ({@code config.EnrichmentBeans})
 * and by {@link EnrichmentCounters} in tests and benchmarks. Called on the hot path: implementations must not block.
 */
public interface EnrichmentMetrics {
    String GEOIP = "geoip";
    String THREAT_INTEL = "threat_intel";

    /** One per event that reached the GeoIP stage. */
    void geoLookup(GeoLookupResult result);

    /** A lookup skipped for {@code reason}; the event went on without that enricher's tags. */
    void failed(String enricher, FailureReason reason);

    /** Wall time an enricher spent on one event. */
    void took(String enricher, long nanos);

    enum FailureReason {
        TIMEOUT, ERROR;

        public String tag() {
            return this == TIMEOUT ? "timeout" : "error";
        }
    }
}
