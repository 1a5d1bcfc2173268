package dev.periscope.enricher.enrich.geoip;

import java.util.Map;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;

/**
 * The few fields the GeoIP stage reads, decoded straight from a MaxMind record by {@code com.maxmind.db.Reader}.
 * Decoding GeoIP2's full model ({@code DatabaseReader.tryCity}: every locale, subdivisions, traits) cost 3.2 µs
 * per City lookup here, these slim types 1.4 µs (see README, "Time budget"). Names are the English ones.
 */
public final class GeoRecords {
    private GeoRecords() {
    }

    /** A City (or Country) database record: {@code continent.code}, {@code country.iso_code}, English names. */
    public static final class CityRecord {
        final Place continent;
        final Place country;
        final Place city;

        @MaxMindDbConstructor
        public CityRecord(@MaxMindDbParameter(name = "continent") Place continent,
                @MaxMindDbParameter(name = "country") Place country,
                @MaxMindDbParameter(name = "city") Place city) {
            this.continent = continent;
            this.country = country;
            this.city = city;
        }
    }

    /** A continent, country or city: whichever of code, ISO code and English name the record has. */
    public static final class Place {
        final String code;
        final String isoCode;
        final String name;

        @MaxMindDbConstructor
        public Place(@MaxMindDbParameter(name = "code") String code,
                @MaxMindDbParameter(name = "iso_code") String isoCode,
                @MaxMindDbParameter(name = "names") Map<String, String> names) {
            this.code = code;
            this.isoCode = isoCode;
            this.name = names == null ? null : names.get("en");
        }
    }

    /** An ASN database record. */
    public static final class AsnRecord {
        final Long number;
        final String organization;

        @MaxMindDbConstructor
        public AsnRecord(@MaxMindDbParameter(name = "autonomous_system_number") Long number,
                @MaxMindDbParameter(name = "autonomous_system_organization") String organization) {
            this.number = number;
            this.organization = organization;
        }
    }
}
