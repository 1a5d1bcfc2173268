package dev.periscope.enricher.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;

import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.MongoNormalizeGapStore;
import dev.periscope.enricher.classify.path.MongoPathShapeStore;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.path.PathLearningJobs;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The process-wide path-learning state every {@code PathStage} version shares — learned shapes backed by
 * {@code path_shapes}, the gap detector writing {@code normalize_gaps} — and the background jobs that flush and
 * reload them. Singletons: they outlive runtime-config reloads.
 */
@ApplicationScoped
public class PathLearningBeans {

    /** Bootstrap settings of path learning (env {@code PERISCOPE_PATH_LEARNING_*}). */
    @ConfigMapping(prefix = "periscope.path-learning")
    public interface PathLearningConfig {
        /** Persist and share learned shapes and gap reports in MongoDB; off keeps learning in memory only. */
        @WithDefault("true")
        boolean enabled();

        /** How often new observations and gap reports are written. */
        @WithDefault("5s")
        Duration flushInterval();

        /** How often shapes learned by other replicas are read. */
        @WithDefault("30s")
        Duration reloadInterval();

        /** Positions kept in memory; beyond, one is evicted per new position (counted). */
        @WithDefault("100000")
        int maxPositions();

        /** (project, prefix) windows the gap detector tracks at once; beyond, new prefixes are skipped (counted). */
        @WithDefault("10000")
        int gapMaxPrefixes();
    }

    @Produces
    @Singleton
    LearnedPathShapes learnedPathShapes(MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, PathLearningConfig config) {
        MongoPathShapeStore store = new MongoPathShapeStore(
                mongo.getDatabase(database).getCollection(MongoPathShapeStore.COLLECTION), Clock.systemUTC());
        return new LearnedPathShapes(store, Clock.systemUTC(), config.maxPositions());
    }

    @Produces
    @Singleton
    NormalizeGapDetector normalizeGapDetector(PathLearningConfig config) {
        return new NormalizeGapDetector(Clock.systemUTC(), NormalizeGapDetector.DEFAULT_THRESHOLD,
                NormalizeGapDetector.DEFAULT_WINDOW, config.gapMaxPrefixes());
    }

    @Produces
    @Singleton
    PathLearningJobs pathLearningJobs(LearnedPathShapes shapes, NormalizeGapDetector gaps, MongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        MongoNormalizeGapStore gapStore = new MongoNormalizeGapStore(
                mongo.getDatabase(database).getCollection(MongoNormalizeGapStore.COLLECTION));
        return new PathLearningJobs(shapes, gaps, gapStore);
    }

    void start(@Observes StartupEvent event, PathLearningConfig config, PathLearningJobs jobs,
            LearnedPathShapes shapes, NormalizeGapDetector gaps, MeterRegistry registry) {
        Gauge.builder("periscope_path_learning_positions", shapes, LearnedPathShapes::positions)
                .description("learned-path positions held in memory").register(registry);
        FunctionCounter.builder("periscope_path_learning_evictions_total", shapes, LearnedPathShapes::evictions)
                .description("positions evicted because max-positions was reached").register(registry);
        FunctionCounter.builder("periscope_path_learning_store_failures_total", jobs,
                j -> j.flushFailures() + j.reloadFailures())
                .description("failed flushes and reloads of path_shapes / normalize_gaps").register(registry);
        FunctionCounter.builder("periscope_normalize_gaps_total", gaps, NormalizeGapDetector::detected)
                .description("normalization gaps detected").register(registry);
        FunctionCounter.builder("periscope_normalize_gaps_dropped_total", jobs, PathLearningJobs::gapsDropped)
                .description("gap reports lost while the store was down").register(registry);
        FunctionCounter.builder("periscope_normalize_gap_prefixes_untracked_total", gaps,
                NormalizeGapDetector::untracked)
                .description("observations of new prefixes skipped at gap-max-prefixes").register(registry);
        if (config.enabled()) {
            jobs.start(config.flushInterval(), config.reloadInterval());
        }
    }

    void stop(@Observes ShutdownEvent event, PathLearningConfig config, PathLearningJobs jobs) {
        if (config.enabled()) {
            jobs.close();
        }
    }
}
