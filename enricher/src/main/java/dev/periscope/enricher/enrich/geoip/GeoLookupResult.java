package dev.periscope.enricher.enrich.geoip;

import java.util.Locale;

/** The outcome of one event at the GeoIP stage ({@code geoip_lookups_total{result}}). */
public enum GeoLookupResult {
    /** At least one database knew the address. */
    HIT,
    /** External address that no loaded database knew (or no parsable source address). */
    MISS,
    /** Private, loopback, link-local or ULA address: no lookup. */
    INTERNAL,
    /** A lookup threw or ran past the budget (see {@code enrich_errors_total} for which). */
    ERROR,
    /** Neither database has been loaded yet. */
    NO_DATABASE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
