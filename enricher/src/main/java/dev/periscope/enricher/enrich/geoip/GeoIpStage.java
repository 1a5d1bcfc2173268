package dev.periscope.enricher.enrich.geoip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.function.Supplier;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentMetrics;
import dev.periscope.enricher.enrich.EnrichmentMetrics.FailureReason;
import dev.periscope.enricher.enrich.geoip.GeoRecords.AsnRecord;
import dev.periscope.enricher.enrich.geoip.GeoRecords.CityRecord;
import dev.periscope.model.cache.DirectMappedCache;
import dev.periscope.model.config.CidrBlock;

/**
 * {@code geo.*} tags from the raw downstream address ({@code raw.source_ip}; the identity stage clears the output's
 * copy, so this stage reads the raw event and may run anywhere in the pipeline).
 * <ul>
 * <li>internal address ({@link InternalAddresses}) → {@code geo.kind=internal}, no lookup;</li>
 * <li>otherwise {@code geo.kind=external} plus, from the City database, {@code geo.continent} (code),
 * {@code geo.country} (ISO code), {@code geo.country_name}, {@code geo.city}, and from the ASN database
 * {@code geo.asn} (number) and {@code geo.asn_org} — each only when the database has a value;</li>
 * <li>no database loaded → no tags; a source address that is not an IP literal → no tags.</li>
 * </ul>
 * Within {@link EnrichmentBudget}: when the budget is spent after the City lookup the ASN lookup is not started,
 * and an event whose lookups overran writes no {@code geo.*} tag at all. A lookup that throws is skipped; the other
 * database's answer is still written. Complete answers are remembered per address for the databases they came
 * from (a swapped-in upload misses them all); failures and timeouts are not remembered.
 */
public final class GeoIpStage implements ClassificationStage {
    public static final String KIND = "geo.kind";
    public static final String CONTINENT = "geo.continent";
    public static final String COUNTRY = "geo.country";
    public static final String COUNTRY_NAME = "geo.country_name";
    public static final String CITY = "geo.city";
    public static final String ASN = "geo.asn";
    public static final String ASN_ORG = "geo.asn_org";

    private final Supplier<GeoDatabases> databases;
    private final EnrichmentBudget budget;
    private final EnrichmentMetrics metrics;
    /** The last complete answers per source address, with the databases they came from. */
    private final DirectMappedCache<String, Answer> answers = new DirectMappedCache<>(4096);

    /** A stage with no data at all (tests and benchmarks of the rest of the pipeline): tags nothing, counts nothing. */
    public static GeoIpStage withoutData() {
        return new GeoIpStage(() -> GeoDatabases.NONE, EnrichmentBudget.of(java.time.Duration.ofMillis(50)),
                new dev.periscope.enricher.enrich.EnrichmentCounters());
    }

    public GeoIpStage(Supplier<GeoDatabases> databases, EnrichmentBudget budget, EnrichmentMetrics metrics) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String name() {
        return EnrichmentMetrics.GEOIP;
    }

    @Override
    public void apply(EventDraft draft) {
        long start = budget.start();
        GeoLookupResult result;
        try {
            result = enrich(draft, start);
        } catch (RuntimeException e) {
            metrics.failed(EnrichmentMetrics.GEOIP, FailureReason.ERROR);
            result = GeoLookupResult.ERROR;
        }
        metrics.took(EnrichmentMetrics.GEOIP, budget.elapsed(start));
        metrics.geoLookup(result);
    }

    private GeoLookupResult enrich(EventDraft draft, long start) {
        byte[] address = CidrBlock.parseAddress(draft.raw().getSourceIp());
        if (address == null) {
            return GeoLookupResult.MISS;
        }
        if (InternalAddresses.isInternal(address)) {
            draft.tag(KIND, "internal");
            return GeoLookupResult.INTERNAL;
        }
        GeoDatabases active = databases.get();
        if (active.isEmpty()) {
            return GeoLookupResult.NO_DATABASE;
        }
        String sourceIp = draft.raw().getSourceIp();
        Answer remembered = answers.get(sourceIp);
        Answer cached = remembered != null && remembered.databases() == active ? remembered : null;
        CityRecord city;
        AsnRecord asn;
        boolean failed = false;
        if (cached != null) {
            city = cached.city();
            asn = cached.asn();
        } else {
            InetAddress inet = toInet(address);
            city = null;
            if (active.city() != null) {
                try {
                    city = active.city().reader().get(inet, CityRecord.class);
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    metrics.failed(EnrichmentMetrics.GEOIP, FailureReason.ERROR);
                }
            }
            asn = null;
            boolean asnSkipped = false;
            if (active.asn() != null) {
                if (budget.exceeded(start)) {
                    asnSkipped = true;
                } else {
                    try {
                        asn = active.asn().reader().get(inet, AsnRecord.class);
                    } catch (IOException | RuntimeException e) {
                        failed = true;
                        metrics.failed(EnrichmentMetrics.GEOIP, FailureReason.ERROR);
                    }
                }
            }
            if (budget.exceeded(start)) {
                metrics.failed(EnrichmentMetrics.GEOIP, FailureReason.TIMEOUT);
                return GeoLookupResult.ERROR;
            }
            if (!failed && !asnSkipped) {
                answers.put(sourceIp, new Answer(active, city, asn));
            }
        }
        draft.tag(KIND, "external");
        if (city != null) {
            if (city.continent != null) {
                putIfPresent(draft, CONTINENT, city.continent.code);
            }
            if (city.country != null) {
                putIfPresent(draft, COUNTRY, city.country.isoCode);
                putIfPresent(draft, COUNTRY_NAME, city.country.name);
            }
            if (city.city != null) {
                putIfPresent(draft, CITY, city.city.name);
            }
        }
        if (asn != null) {
            if (asn.number != null) {
                draft.tag(ASN, Long.toString(asn.number));
            }
            putIfPresent(draft, ASN_ORG, asn.organization);
        }
        if (failed) {
            return GeoLookupResult.ERROR;
        }
        return city != null || asn != null ? GeoLookupResult.HIT : GeoLookupResult.MISS;
    }

    private static void putIfPresent(EventDraft draft, String key, String value) {
        if (value != null && !value.isEmpty()) {
            draft.tag(key, value);
        }
    }

    private static InetAddress toInet(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes by construction
        }
    }

    /** Both databases' records for one address (either may be null: no database or no record). */
    private record Answer(GeoDatabases databases, CityRecord city, AsnRecord asn) {
    }
}
