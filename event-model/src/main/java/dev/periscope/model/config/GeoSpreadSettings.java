package dev.periscope.model.config;

/**
 * {@code detection.geo_spread}: one consumer seen on {@code threshold} continents and switching continents
 * {@code min_switches} times within {@code window_seconds}; with {@code escalate_hosting_asn} one switch onto a
 * hosting/VPN AS is enough.
 */
public record GeoSpreadSettings(boolean enabled, int threshold, int windowSeconds, boolean skipMtls,
        int minSwitches, boolean escalateHostingAsn) {
    static GeoSpreadSettings from(DetectorSchema.Values v) {
        return new GeoSpreadSettings(v.bool("enabled"), v.integer("threshold"), v.integer("window_seconds"),
                v.bool("skip_mtls"), v.integer("min_switches"), v.bool("escalate_hosting_asn"));
    }
}
