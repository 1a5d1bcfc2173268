package dev.periscope.enricher.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;

import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.detect.DetectorStates;
import dev.periscope.enricher.detect.SkipListener;
import dev.periscope.enricher.detect.baseline.BaselineSnapshots;
import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.enricher.detect.baseline.MongoBaselineRepository;
import dev.periscope.kit.config.InstanceIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The detectors' process-wide parts — state that outlives runtime-config versions, the baselines and their
 * MongoDB snapshots — and their metrics. The one place the plain-Java detectors meet CDI and Micrometer.
 */
@ApplicationScoped
public class DetectionBeans {
    static final String STATE_ENTRIES = "periscope.detector.state.entries";
    static final String SKIPPED = "periscope.detector.skipped";

    /** Bootstrap settings of the stateful detectors ({@code periscope.detectors.*}). */
    @ConfigMapping(prefix = "periscope.detectors")
    public interface DetectorsConfig {
        /** Keys (consumers, addresses, endpoints, fingerprints) each detector tracks; beyond, the LRU key goes. */
        @WithDefault("25000")
        int maxKeys();

        /** How often baselines are written to MongoDB (env BASELINE_SNAPSHOT_INTERVAL); 0 disables persistence. */
        @WithDefault("${BASELINE_SNAPSHOT_INTERVAL:5m}")
        Duration baselineSnapshotInterval();
    }

    @Produces
    @Singleton
    SkipListener detectorSkips(MeterRegistry registry) {
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        return (detector, reason) -> counters.computeIfAbsent(detector + '\0' + reason,
                k -> Counter.builder(SKIPPED).tag("detector", detector).tag("reason", reason)
                        .description("events a detector could not look at, and keys it evicted").register(registry))
                .increment();
    }

    @Produces
    @Singleton
    DetectorStates detectorStates() {
        return new DetectorStates();
    }

    @Produces
    @Singleton
    Baselines baselines(DetectorsConfig config, SkipListener skips) {
        return new Baselines(config.maxKeys(), skips);
    }

    /** Hand to the classifier factory; {@code stage(config)} builds the detector stage of a config version. */
    @Produces
    @Singleton
    DetectorFactory detectorFactory(DetectorStates states, Baselines baselines, SkipListener skips,
            DetectorsConfig config) {
        return new DetectorFactory(states, baselines, skips, Clock.systemUTC(), Instant.now(), config.maxKeys());
    }

    @Produces
    @Singleton
    BaselineSnapshots baselineSnapshots(Baselines baselines, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, InstanceIdentity identity) {
        return new BaselineSnapshots(baselines, new MongoBaselineRepository(
                mongo.getDatabase(database).getCollection(MongoBaselineRepository.COLLECTION), Clock.systemUTC()),
                identity.instanceId());
    }

    void start(@Observes StartupEvent event, DetectorsConfig config, DetectorFactory factory,
            BaselineSnapshots snapshots, MeterRegistry registry) {
        for (String detector : DetectorFactory.DETECTOR_NAMES) {
            Gauge.builder(STATE_ENTRIES, factory, f -> f.entries(detector)).tag("detector", detector)
                    .description("keys a detector tracks (windows or baselines)").register(registry);
        }
        FunctionCounter.builder("periscope.detector.baseline.snapshot.failures", snapshots,
                BaselineSnapshots::failures).description("failed baseline restores and snapshots").register(registry);
        Duration interval = config.baselineSnapshotInterval();
        if (!interval.isZero() && !interval.isNegative()) {
            snapshots.restore();
            snapshots.start(interval);
        }
    }

    void stop(@Observes ShutdownEvent event, BaselineSnapshots snapshots) {
        snapshots.close();
    }
}
