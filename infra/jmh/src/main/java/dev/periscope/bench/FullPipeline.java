package dev.periscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.path.InMemoryPathShapeStore;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.detect.DetectorStates;
import dev.periscope.enricher.detect.SkipListener;
import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentCounters;
import dev.periscope.enricher.enrich.geoip.ActiveDatabase;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseKind;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseVerifier;
import dev.periscope.enricher.enrich.geoip.GeoDatabases;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.FeedParser;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.v1.AccessEvent;

/**
 * The enricher's production pipeline with everything on: {@link ClassifierFactory} as the service wires it, every
 * detector enabled ({@code rate_anomaly} and {@code ip_rate}, off by default, switched on through a runtime-config
 * document), behaviour detectors past their start-up suppression, GeoIP with MaxMind's test City and ASN databases
 * loaded, and a 10,000-entry threat-intel feed. The event mix is {@link RawEventMix} with a third of its source
 * addresses moved onto addresses the test databases know (three continents) and into the feed, so the geo tags,
 * geo detectors and threat-intel hits all do their work.
 */
public final class FullPipeline {
    static final int MAX_KEYS = 100_000;

    /** Addresses of the test City database on three continents (and, some, in the ASN database). */
    private static final String[] GEO_ADDRESSES = {"81.2.69.142", "81.2.69.150", "89.160.20.115", "89.160.20.130",
        "2.125.160.217", "216.160.83.57", "216.160.83.60", "214.78.120.5", "175.16.199.3", "175.16.199.200",
        "202.196.224.7", "67.43.156.9"};

    private FullPipeline() {
    }

    /** Runtime config with every detector on. */
    public static RuntimeConfig allDetectorsConfig() {
        return RuntimeConfigParser.parse(Map.of("version", 1, "detection", Map.of(
                "rate_anomaly", Map.of("enabled", true),
                "ip_rate", Map.of("enabled", true)))).config().orElseThrow();
    }

    public static Classifier classifier() {
        Clock clock = Clock.systemUTC();
        return classifier(clock, new DetectorFactory(new DetectorStates(), new Baselines(MAX_KEYS, SkipListener.NONE),
                SkipListener.NONE, clock, clock.instant().minus(Duration.ofHours(1)), MAX_KEYS), true);
    }

    /**
     * @param pathLearning learned path shapes and gap detection on (as in the service), or off (no state outside
     *                     the detectors: the memory harness)
     */
    public static Classifier classifier(Clock clock, DetectorFactory detectors, boolean pathLearning) {
        return new ClassifierFactory(shared(clock, detectors, pathLearning)).apply(allDetectorsConfig());
    }

    /** What every pipeline version shares, as the service wires it, with the test GeoIP data and the feed. */
    public static ClassifierFactory.Shared shared(Clock clock, DetectorFactory detectors, boolean pathLearning) {
        EnrichmentBudget budget = EnrichmentBudget.of(Duration.ofMillis(50));
        EnrichmentCounters counters = new EnrichmentCounters();
        GeoDatabases geo = testDatabases();
        ThreatIntelFeeds feeds = feeds();
        return new ClassifierFactory.Shared(
                HashSaltSettings.parse(RawEventMix.SALT).hasher(clock), new IdentityCounters(),
                pathLearning ? new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 100_000) : null,
                pathLearning ? new NormalizeGapDetector(clock) : null,
                new GeoIpStage(() -> geo, budget, counters), new ThreatIntelStage(() -> feeds, budget, counters),
                detectors, (stage, error) -> {
                    throw new IllegalStateException("stage " + stage + " failed", error);
                }, ScoreStage.ScoreObserver.NONE);
    }

    /** {@link RawEventMix} of {@code entries} events, every third source address moved to a known location. */
    public static List<AccessEvent> events(int entries) {
        Random random = new Random(11);
        List<AccessEvent> events = new ArrayList<>(entries);
        int i = 0;
        for (AccessEvent event : RawEventMix.build(entries)) {
            if (i++ % 3 == 0) {
                event = event.toBuilder().setSourceIp(GEO_ADDRESSES[random.nextInt(GEO_ADDRESSES.length)]).build();
            }
            events.add(event);
        }
        return events;
    }

    /** MaxMind's test City and ASN databases, memory-mapped from a temporary copy. */
    public static GeoDatabases testDatabases() {
        try {
            Path dir = Files.createTempDirectory("periscope-bench-geoip");
            dir.toFile().deleteOnExit();
            return new GeoDatabases(open(dir, "GeoIP2-City-Test.mmdb", GeoDatabaseKind.CITY),
                    open(dir, "GeoLite2-ASN-Test.mmdb", GeoDatabaseKind.ASN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ActiveDatabase open(Path dir, String name, GeoDatabaseKind kind) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = FullPipeline.class.getResourceAsStream("/geoip/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /geoip/" + name);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
        try {
            return new ActiveDatabase(kind, "bench", GeoDatabaseVerifier.open(file, kind), file);
        } catch (GeoDatabaseVerifier.InvalidGeoDatabaseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One feed: 10,000 random IPv4 networks plus two of the mix's addresses (some events hit). */
    public static ThreatIntelFeeds feeds() {
        Random random = new Random(12);
        StringBuilder text = new StringBuilder("175.16.199.200\n198.51.100.7\n");
        for (int i = 0; i < 10_000; i++) {
            text.append(1 + random.nextInt(223)).append('.').append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append(".0/").append(random.nextBoolean() ? 24 : 28).append('\n');
        }
        FeedParser.ParsedFeed feed = FeedParser.parse(text.toString());
        return new ThreatIntelFeeds(List.of(new ThreatIntelFeeds.Feed("bench_blocklist", feed.ranges(),
                feed.entries(), feed.invalid(), "v1")));
    }
}
