package dev.periscope.bench;

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
import dev.periscope.model.v1.AccessEvent;

/**
 * The enricher's whole pipeline as the service wires it ({@link FullPipeline}): path templating with learning and
 * gap detection, PII, identity hashing, auth, categories, GeoIP (test databases loaded), UA classes, threat intel
 * (a 10,000-entry feed), transport/posture flags, every detector on (rate_anomaly and ip_rate included), confirmed,
 * scores — on the demo's realistic mix with a third of the addresses geolocated, one event per call,
 * single-threaded: events/s per core and the per-event latency distribution.
 */
@State(Scope.Thread)
public class EnricherClassifierBenchmark {
    private List<AccessEvent> events;
    private Classifier classifier;
    private int next;

    @Setup
    public void setUp() {
        events = FullPipeline.events(10_000);
        classifier = productionClassifier();
    }

    /** The production pipeline with every detector, GeoIP and threat intel on. */
    static Classifier productionClassifier() {
        return FullPipeline.classifier();
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
