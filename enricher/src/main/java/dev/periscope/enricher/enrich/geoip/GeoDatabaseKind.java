package dev.periscope.enricher.enrich.geoip;

import java.util.Locale;

/**
 * The two databases the GeoIP stage reads. {@link #gridFsName()} is the file name operators upload to the GridFS
 * bucket; a database is accepted only when its metadata type contains {@link #typeMarker()} (GeoLite2-City,
 * GeoIP2-City, DBIP-City-Lite; GeoLite2-ASN, DBIP-ASN-Lite), so an ASN file uploaded as {@code city.mmdb} is
 * rejected.
 */
public enum GeoDatabaseKind {
    CITY("city.mmdb", "city"),
    ASN("asn.mmdb", "asn");

    private final String gridFsName;
    private final String typeMarker;

    GeoDatabaseKind(String gridFsName, String typeMarker) {
        this.gridFsName = gridFsName;
        this.typeMarker = typeMarker;
    }

    public String gridFsName() {
        return gridFsName;
    }

    public String typeMarker() {
        return typeMarker;
    }

    /** Lower-case name: metric tag and cache-file prefix ({@code city-<upload id>.mmdb}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean accepts(String databaseType) {
        return databaseType != null && databaseType.toLowerCase(Locale.ROOT).contains(typeMarker);
    }
}
