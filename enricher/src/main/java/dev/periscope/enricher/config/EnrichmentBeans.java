package dev.periscope.enricher.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;

import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentMetrics;
import dev.periscope.enricher.enrich.MicrometerEnrichmentMetrics;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseHolder;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseKind;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseSync;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.geoip.GridFsGeoDatabaseSource;
import dev.periscope.enricher.enrich.threatintel.FeedGauges;
import dev.periscope.enricher.enrich.threatintel.MongoThreatIntelFeedSource;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelSync;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The GeoIP and threat-intel enrichers: their stages (process-wide singletons, shared by every runtime-config
 * version), the databases and feeds behind them, the background syncs, and their metrics. The one place they
 * meet CDI.
 */
@ApplicationScoped
public class EnrichmentBeans {
    /** Settings of the enrichment chain (env {@code ENRICHER_TIMEOUT}, {@code GEOIP_*}, {@code THREAT_INTEL_*}). */
    @ConfigMapping(prefix = "periscope.enricher")
    public interface EnrichmentConfig {
        /** Per-enricher budget per event. */
        @WithDefault("50ms")
        Duration timeout();

        GeoIpConfig geoip();

        @WithName("threat-intel")
        ThreatIntelConfig threatIntel();
    }

    /** GeoIP settings. */
    public interface GeoIpConfig {
        /** Sync databases from GridFS; off: no sync, every external lookup counts as {@code no_database}. */
        @WithDefault("true")
        boolean enabled();

        /** GridFS bucket holding {@code city.mmdb} and {@code asn.mmdb}. */
        @WithDefault("geoip")
        String gridfsBucket();

        /** Where verified databases are kept (memory-mapped from there); persistent, writable, not /tmp. */
        @WithDefault("data/geoip")
        String cacheDir();

        /** How often GridFS is checked for new uploads; 0 checks once at start-up. */
        @WithDefault("1m")
        Duration pollInterval();

        /** How long a replaced database stays mapped for lookups still using it. */
        @WithDefault("5s")
        Duration gracePeriod();
    }

    /** Threat-intel settings. */
    public interface ThreatIntelConfig {
        @WithDefault("true")
        boolean enabled();

        /** Collection of feed documents, in the service's database. */
        @WithDefault(MongoThreatIntelFeedSource.DEFAULT_COLLECTION)
        String collection();

        /** How often feed versions are checked; 0 loads once at start-up. */
        @WithDefault("2m")
        Duration pollInterval();
    }

    @Produces
    @Singleton
    EnrichmentBudget enrichmentBudget(EnrichmentConfig config) {
        return EnrichmentBudget.of(config.timeout());
    }

    @Produces
    @Singleton
    EnrichmentMetrics enrichmentMetrics(MeterRegistry registry) {
        return new MicrometerEnrichmentMetrics(registry);
    }

    @Produces
    @Singleton
    GeoDatabaseHolder geoDatabases(EnrichmentConfig config) {
        return new GeoDatabaseHolder(Clock.systemUTC(), config.geoip().gracePeriod());
    }

    @Produces
    @Singleton
    GeoDatabaseSync geoDatabaseSync(EnrichmentConfig config, GeoDatabaseHolder holder, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        MongoDatabase db = mongo.getDatabase(database);
        GeoIpConfig geoip = config.geoip();
        return new GeoDatabaseSync(new GridFsGeoDatabaseSource(GridFSBuckets.create(db, geoip.gridfsBucket())),
                Path.of(geoip.cacheDir()), holder);
    }

    @Produces
    @Singleton
    ThreatIntelSync threatIntelSync(EnrichmentConfig config, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        return new ThreatIntelSync(new MongoThreatIntelFeedSource(
                mongo.getDatabase(database).getCollection(config.threatIntel().collection())));
    }

    @Produces
    @Singleton
    GeoIpStage geoIpStage(GeoDatabaseHolder databases, EnrichmentBudget budget, EnrichmentMetrics metrics) {
        return new GeoIpStage(databases, budget, metrics);
    }

    @Produces
    @Singleton
    ThreatIntelStage threatIntelStage(ThreatIntelSync feeds, EnrichmentBudget budget, EnrichmentMetrics metrics) {
        return new ThreatIntelStage(feeds, budget, metrics);
    }

    void start(@Observes StartupEvent event, EnrichmentConfig config, GeoDatabaseSync geoSync,
            ThreatIntelSync tiSync, MeterRegistry registry) {
        for (GeoDatabaseKind kind : GeoDatabaseKind.values()) {
            FunctionCounter.builder("periscope.geoip.database.rejections", geoSync, s -> s.rejections(kind))
                    .tag("kind", kind.tag()).description("GeoIP uploads refused by verification (last-good kept)")
                    .register(registry);
        }
        FunctionCounter.builder("periscope.geoip.sync.failures", geoSync, GeoDatabaseSync::syncFailures)
                .description("GeoIP polls that could not read GridFS or the cache directory").register(registry);
        FunctionCounter.builder("periscope.threatintel.sync.failures", tiSync, ThreatIntelSync::syncFailures)
                .description("threat-intel polls or feed reads that failed (last-good kept)").register(registry);
        FunctionCounter.builder("periscope.threatintel.feeds.skipped", tiSync, ThreatIntelSync::feedsSkipped)
                .description("feeds ignored for a bad name or over the feed cap").register(registry);
        FeedGauges.register(registry, tiSync);
        if (config.geoip().enabled()) {
            geoSync.loadCached();
            geoSync.start(config.geoip().pollInterval());
        }
        if (config.threatIntel().enabled()) {
            tiSync.start(config.threatIntel().pollInterval());
        }
    }

    void stop(@Observes ShutdownEvent event, GeoDatabaseSync geoSync, ThreatIntelSync tiSync,
            GeoDatabaseHolder databases) {
        geoSync.close();
        tiSync.close();
        databases.close();
    }
}
