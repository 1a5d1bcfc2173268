package dev.periscope.enricher.enrich.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.maxmind.db.Reader;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentCounters;
import dev.periscope.enricher.enrich.EnrichmentMetrics;
import dev.periscope.enricher.enrich.EnrichmentMetrics.FailureReason;
import dev.periscope.enricher.enrich.TestSupport;

/**
 * The GeoIP stage on MaxMind's test databases (City: GeoIP2-City-Test, ASN: GeoLite2-ASN-Test; the expected
 * values come from their JSON listings in shared/testdata/geoip).
 */
class GeoIpStageTest {
    private static Reader city;
    private static Reader asn;
    private static GeoDatabases both;

    @BeforeAll
    static void open() throws Exception {
        city = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoIP2-City-Test.mmdb"), GeoDatabaseKind.CITY);
        asn = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoLite2-ASN-Test.mmdb"), GeoDatabaseKind.ASN);
        both = new GeoDatabases(new ActiveDatabase(GeoDatabaseKind.CITY, "city-test", city, null),
                new ActiveDatabase(GeoDatabaseKind.ASN, "asn-test", asn, null));
    }

    @AfterAll
    static void close() throws IOException {
        city.close();
        asn.close();
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("81.2.69.142", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.continent", "EU",
                        "geo.country", "GB", "geo.country_name", "United Kingdom", "geo.city", "London")),
                // every tag: city, country and AS with organisation
                Arguments.of("89.160.20.115", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.continent",
                        "EU", "geo.country", "SE", "geo.country_name", "Sweden", "geo.city", "Linköping", "geo.asn",
                        "29518", "geo.asn_org", "Bredband2 AB")),
                // in both databases; the ASN record has no organisation
                Arguments.of("67.43.156.1", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.continent", "AS",
                        "geo.country", "BT", "geo.country_name", "Bhutan", "geo.asn", "35908")),
                // ASN database only
                Arguments.of("1.128.0.1", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.asn", "1221",
                        "geo.asn_org", "Telstra Pty Ltd")),
                // IPv6: country without a city
                Arguments.of("2001:218::1", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.continent", "AS",
                        "geo.country", "JP", "geo.country_name", "Japan")),
                Arguments.of("2a02:1200::7", GeoLookupResult.HIT, Map.of("geo.kind", "external", "geo.asn", "3303",
                        "geo.asn_org", "Swisscom (Switzerland) Ltd")),
                // IPv4-mapped IPv6 is looked up as IPv4
                Arguments.of("::ffff:81.2.69.142", GeoLookupResult.HIT, Map.of("geo.kind", "external",
                        "geo.continent", "EU", "geo.country", "GB", "geo.country_name", "United Kingdom", "geo.city",
                        "London")),
                // unknown to both: only the kind
                Arguments.of("8.8.8.8", GeoLookupResult.MISS, Map.of("geo.kind", "external")),
                Arguments.of("2001:db9::1", GeoLookupResult.MISS, Map.of("geo.kind", "external")),
                // internal ranges short-circuit
                Arguments.of("10.1.2.3", GeoLookupResult.INTERNAL, Map.of("geo.kind", "internal")),
                Arguments.of("192.168.0.10", GeoLookupResult.INTERNAL, Map.of("geo.kind", "internal")),
                Arguments.of("::1", GeoLookupResult.INTERNAL, Map.of("geo.kind", "internal")),
                Arguments.of("fd12:3456::1", GeoLookupResult.INTERNAL, Map.of("geo.kind", "internal")),
                Arguments.of("::ffff:172.16.0.1", GeoLookupResult.INTERNAL, Map.of("geo.kind", "internal")),
                // no usable address: nothing
                Arguments.of("", GeoLookupResult.MISS, Map.of()),
                Arguments.of("not-an-ip", GeoLookupResult.MISS, Map.of()),
                Arguments.of("999.1.1.1", GeoLookupResult.MISS, Map.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("addresses")
    void tagsFromBothDatabases(String sourceIp, GeoLookupResult result, Map<String, String> tags) {
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(() -> both, TestSupport.frozenBudget(), counters);

        EventDraft draft = TestSupport.run(sourceIp, stage);

        assertThat(draft.build().getTagsMap()).isEqualTo(tags);
        assertThat(counters.geoLookups(result)).isEqualTo(1);
        assertThat(counters.timed(EnrichmentMetrics.GEOIP)).isEqualTo(1);
        assertThat(draft.build().getSourceIp()).isEqualTo(sourceIp); // the identity stage, not this one, clears it
    }

    @Test
    void noDatabaseMeansNoGeoTagsButInternalStillShortCircuits() {
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(() -> GeoDatabases.NONE, TestSupport.frozenBudget(), counters);

        assertThat(TestSupport.run("81.2.69.142", stage).build().getTagsMap()).isEmpty();
        assertThat(TestSupport.run("10.0.0.1", stage).build().getTagsMap()).containsExactly(
                Map.entry("geo.kind", "internal"));
        assertThat(counters.geoLookups(GeoLookupResult.NO_DATABASE)).isEqualTo(1);
        assertThat(counters.geoLookups(GeoLookupResult.INTERNAL)).isEqualTo(1);
    }

    @Test
    void cityOnlyWhenTheAsnDatabaseIsMissing() {
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(() -> new GeoDatabases(both.city(), null), TestSupport.frozenBudget(),
                counters);

        assertThat(TestSupport.run("67.43.156.1", stage).build().getTagsMap()).containsOnlyKeys("geo.kind",
                "geo.continent", "geo.country", "geo.country_name");
    }

    @Test
    void slowLookupsWriteNothingAndAreCountedAsTimeouts() {
        EnrichmentCounters counters = new EnrichmentCounters();
        // every tick read moves 30 ms: start, then after the city lookup 30 ms (within 50), after ASN 60 ms
        EnrichmentBudget slow = new EnrichmentBudget(TestSupport.BUDGET, new TestSupport.Ticker(Duration.ofMillis(30)));
        GeoIpStage stage = new GeoIpStage(() -> both, slow, counters);

        EventDraft draft = TestSupport.run("81.2.69.142", stage);

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.TIMEOUT)).isEqualTo(1);
        assertThat(counters.geoLookups(GeoLookupResult.ERROR)).isEqualTo(1);
    }

    @Test
    void budgetSpentAfterTheCityLookupSkipsTheAsnLookup() throws Exception {
        // the ASN reader is closed: a lookup in it would count an error, so no error proves it was not started
        Reader closedAsn = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoLite2-ASN-Test.mmdb"),
                GeoDatabaseKind.ASN);
        closedAsn.close();
        GeoDatabases databases = new GeoDatabases(both.city(),
                new ActiveDatabase(GeoDatabaseKind.ASN, "closed", closedAsn, null));
        EnrichmentCounters counters = new EnrichmentCounters();
        EnrichmentBudget verySlow = new EnrichmentBudget(TestSupport.BUDGET,
                new TestSupport.Ticker(Duration.ofMillis(60)));
        GeoIpStage stage = new GeoIpStage(() -> databases, verySlow, counters);

        EventDraft draft = TestSupport.run("67.43.156.1", stage);

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.TIMEOUT)).isEqualTo(1);
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.ERROR)).isZero();
    }

    @Test
    void aFailingLookupIsSkippedAndCountedWhileTheOtherDatabaseStillAnswers() throws Exception {
        Reader closedCity = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoIP2-City-Test.mmdb"),
                GeoDatabaseKind.CITY);
        closedCity.close(); // lookups now throw
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoDatabases broken = new GeoDatabases(new ActiveDatabase(GeoDatabaseKind.CITY, "closed", closedCity, null),
                both.asn());
        GeoIpStage stage = new GeoIpStage(() -> broken, TestSupport.frozenBudget(), counters);

        EventDraft draft = TestSupport.run("67.43.156.1", stage);

        assertThat(draft.build().getTagsMap()).isEqualTo(Map.of("geo.kind", "external", "geo.asn", "35908"));
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.ERROR)).isEqualTo(1);
        assertThat(counters.geoLookups(GeoLookupResult.ERROR)).isEqualTo(1);
    }

    @Test
    void aRepeatedAddressIsAnsweredFromTheLastLookupOfTheSameDatabases() throws Exception {
        Reader ownCity = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoIP2-City-Test.mmdb"), GeoDatabaseKind.CITY);
        GeoDatabases databases = new GeoDatabases(new ActiveDatabase(GeoDatabaseKind.CITY, "own", ownCity, null),
                both.asn());
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(() -> databases, TestSupport.frozenBudget(), counters);
        Map<String, String> first = TestSupport.run("89.160.20.115", stage).build().getTagsMap();

        ownCity.close(); // a lookup in it would now throw and count an error
        Map<String, String> again = TestSupport.run("89.160.20.115", stage).build().getTagsMap();

        assertThat(again).isEqualTo(first).containsEntry("geo.city", "Linköping");
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.ERROR)).isZero();
        assertThat(counters.geoLookups(GeoLookupResult.HIT)).isEqualTo(2);
    }

    @Test
    void swappedInDatabasesAreLookedUpAfreshAndFailuresAreNotRemembered() throws Exception {
        java.util.concurrent.atomic.AtomicReference<GeoDatabases> active = new java.util.concurrent.atomic
                .AtomicReference<>(both);
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(active::get, TestSupport.frozenBudget(), counters);
        assertThat(TestSupport.run("67.43.156.1", stage).build().getTagsMap()).containsKey("geo.asn");

        active.set(new GeoDatabases(both.city(), null));
        assertThat(TestSupport.run("67.43.156.1", stage).build().getTagsMap()).doesNotContainKey("geo.asn")
                .containsEntry("geo.country", "BT");

        Reader closedCity = GeoDatabaseVerifier.open(TestSupport.geoipFile("GeoIP2-City-Test.mmdb"),
                GeoDatabaseKind.CITY);
        closedCity.close();
        active.set(new GeoDatabases(new ActiveDatabase(GeoDatabaseKind.CITY, "closed", closedCity, null), null));
        TestSupport.run("67.43.156.1", stage);
        TestSupport.run("67.43.156.1", stage);
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.ERROR)).isEqualTo(2);
    }

    @Test
    void aThrowingDatabaseSupplierNeverEscapesTheStage() {
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoIpStage stage = new GeoIpStage(() -> {
            throw new IllegalStateException("boom");
        }, TestSupport.frozenBudget(), counters);

        EventDraft draft = TestSupport.run("81.2.69.142", stage);

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(counters.failures(EnrichmentMetrics.GEOIP, FailureReason.ERROR)).isEqualTo(1);
        assertThat(counters.geoLookups(GeoLookupResult.ERROR)).isEqualTo(1);
    }
}
