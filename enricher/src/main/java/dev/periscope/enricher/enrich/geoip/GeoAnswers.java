package dev.periscope.enricher.enrich.geoip;

import dev.periscope.enricher.enrich.geoip.GeoRecords.AsnRecord;
import dev.periscope.enricher.enrich.geoip.GeoRecords.CityRecord;

/**
 * The last lookups' answers per source address (direct-mapped, {@value #SLOTS} slots of immutable entries, so
 * concurrent readers see a whole entry or none): clients repeat, and a MaxMind lookup walks the tree and decodes
 * the record every time. An answer belongs to the databases it came from; a swapped-in upload misses every slot.
 */
final class GeoAnswers {
    static final int SLOTS = 4096;

    private final Answer[] slots = new Answer[SLOTS];

    /** @return the cached answer for this address from exactly these databases, or null */
    Answer get(GeoDatabases databases, String sourceIp) {
        Answer answer = slots[slot(sourceIp)];
        return answer != null && answer.databases == databases && answer.sourceIp.equals(sourceIp) ? answer : null;
    }

    void put(GeoDatabases databases, String sourceIp, CityRecord city, AsnRecord asn) {
        slots[slot(sourceIp)] = new Answer(databases, sourceIp, city, asn);
    }

    private static int slot(String sourceIp) {
        int h = sourceIp.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** Both databases' records for one address (either may be null: no database or no record). */
    record Answer(GeoDatabases databases, String sourceIp, CityRecord city, AsnRecord asn) {
    }
}
