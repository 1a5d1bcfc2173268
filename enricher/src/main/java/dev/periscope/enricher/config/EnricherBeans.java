package dev.periscope.enricher.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.periscope.enricher.classify.ClassifierHolder;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreMetrics;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.RotatingHasher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Assembles the plain-Java classification pipeline from the runtime config; the one place it meets CDI. */
@ApplicationScoped
public class EnricherBeans {
    static final String ENRICH_ERRORS = "periscope.enrich.errors";
    static final String CONSUMERS = "periscope.consumer.identity";

    @Produces
    @Singleton
    IdentityCounters identityCounters(MeterRegistry registry) {
        IdentityCounters counters = new IdentityCounters();
        FunctionCounter.builder(CONSUMERS, counters, IdentityCounters::identifiedCount).tag("identified", "true")
                .description("enriched events with a consumer identity (hash from the gateway)").register(registry);
        FunctionCounter.builder(CONSUMERS, counters, IdentityCounters::anonymousCount).tag("identified", "false")
                .description("enriched events without a consumer identity").register(registry);
        FunctionCounter.builder("periscope.hash.key_id_mismatch", counters, IdentityCounters::keyIdMismatchCount)
                .description("events whose gateway hash_key_id differs from this enricher's").register(registry);
        return counters;
    }

    /** Rebuilt whole for every runtime-config version; learned path state and counters carry over. */
    @Produces
    @Singleton
    ClassifierHolder classifiers(RuntimeConfigHolder configs, RotatingHasher hasher, IdentityCounters identity,
            LearnedPathShapes learnedShapes, NormalizeGapDetector gapDetector, GeoIpStage geoIp,
            ThreatIntelStage threatIntel, DetectorFactory detectors, MeterRegistry registry) {
        return new ClassifierHolder(configs, new ClassifierFactory(new ClassifierFactory.Shared(hasher, identity,
                learnedShapes, gapDetector, geoIp, threatIntel, detectors,
                // same tag keys as the enrichers' own timeout/error counts: Prometheus drops a second key set silently
                (stage, error) -> registry.counter(ENRICH_ERRORS, "enricher", stage, "reason", "exception").increment(),
                new ScoreMetrics(registry))));
    }
}
