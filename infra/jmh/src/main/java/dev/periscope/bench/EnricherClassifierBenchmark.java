package dev.periscope.bench;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.path.InMemoryPathShapeStore;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.v1.AccessEvent;

/**
 * The enricher's whole classification pipeline (path templating with learning and gap detection, PII, identity
 * hashing, auth, categories, UA classes, transport/posture flags, confirmed) on the demo's realistic mix, one
 * event per call, single-threaded: events/s per core and the per-event latency distribution.
 */
@State(Scope.Thread)
public class EnricherClassifierBenchmark {
    private List<AccessEvent> events;
    private Classifier classifier;
    private int next;

    @Setup
    public void setUp() {
        events = RawEventMix.build(10_000);
        classifier = productionClassifier();
    }

    static Classifier productionClassifier() {
        Clock clock = Clock.systemUTC();
        return new ClassifierFactory(new ClassifierFactory.Shared(HashSaltSettings.parse(RawEventMix.SALT).hasher(clock),
                new IdentityCounters(), new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 100_000),
                new NormalizeGapDetector(clock), GeoIpStage.withoutData(), ThreatIntelStage.withoutData(),
                DetectorFactory.inMemory(clock, 100_000), (stage, error) -> {
                    throw new IllegalStateException("stage " + stage + " failed", error);
                }, ScoreStage.ScoreObserver.NONE)).apply(RuntimeConfig.defaults());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AccessEvent classify() {
        return next();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public AccessEvent classifyLatency() {
        return next();
    }

    private AccessEvent next() {
        AccessEvent event = events.get(next);
        next = next + 1 == events.size() ? 0 : next + 1;
        return classifier.classify(event);
    }
}
