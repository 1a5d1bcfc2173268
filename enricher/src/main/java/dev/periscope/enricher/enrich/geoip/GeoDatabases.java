package dev.periscope.enricher.enrich.geoip;

/** The databases active at one moment; either may be null (not loaded). Immutable, swapped whole. */
public record GeoDatabases(ActiveDatabase city, ActiveDatabase asn) {
    public static final GeoDatabases NONE = new GeoDatabases(null, null);

    public ActiveDatabase get(GeoDatabaseKind kind) {
        return kind == GeoDatabaseKind.CITY ? city : asn;
    }

    GeoDatabases with(GeoDatabaseKind kind, ActiveDatabase database) {
        return kind == GeoDatabaseKind.CITY ? new GeoDatabases(database, asn) : new GeoDatabases(city, database);
    }

    public boolean isEmpty() {
        return city == null && asn == null;
    }
}
