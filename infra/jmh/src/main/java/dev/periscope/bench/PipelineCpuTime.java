package dev.periscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.List;
import java.util.function.ToIntFunction;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.path.InMemoryPathShapeStore;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.messaging.RawRecordEnricher;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.v1.AccessEvent;

/**
 * Events per CPU-second of the enricher's pipeline on one thread, from the thread's own CPU time (meaningful on a
 * shared machine), for two builds on the same events ({@link FullPipeline#events}): the default runtime config
 * without GeoIP/threat-intel data (what issue 4 measured, plus the default detectors), everything on
 * ({@link FullPipeline#classifier()}), and everything on from the raw record's bytes to the enriched record's bytes
 * (the service's {@link RawRecordEnricher}: parse, classify, key, CloudEvents headers, serialize — all of the
 * enricher's work per event except the Kafka client; every event is parsed afresh, as in the service). Usage: {@code java -cp benchmarks.jar dev.periscope.bench.PipelineCpuTime
 * [seconds per build]}.
 */
public final class PipelineCpuTime {
    private PipelineCpuTime() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<AccessEvent> events = FullPipeline.events(10_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        report("default config, no GeoIP/threat-intel data", defaultsWithoutData(), events, seconds, threads);
        report("all detectors, GeoIP + threat intel loaded", FullPipeline.classifier(), events, seconds, threads);
        Classifier everything = FullPipeline.classifier();
        RawRecordEnricher enricher = new RawRecordEnricher(() -> everything, "raw", "enriched", "/bench");
        List<byte[]> records = events.stream().map(AccessEvent::toByteArray).toList();
        report("bytes in, record out: parse + all of the above + key, headers, serialize", records, seconds, threads,
                value -> enricher.enrich(value).record().value().length);
    }

    private static void report(String name, Classifier classifier, List<AccessEvent> events, int seconds,
            ThreadMXBean threads) {
        report(name, events, seconds, threads, event -> classifier.classify(event).getRiskFlagsCount());
    }

    static Classifier defaultsWithoutData() {
        Clock clock = Clock.systemUTC();
        return new ClassifierFactory(new ClassifierFactory.Shared(HashSaltSettings.parse(RawEventMix.SALT).hasher(clock),
                new IdentityCounters(), new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 100_000),
                new NormalizeGapDetector(clock), GeoIpStage.withoutData(), ThreatIntelStage.withoutData(),
                DetectorFactory.inMemory(clock, FullPipeline.MAX_KEYS), (stage, error) -> {
                    throw new IllegalStateException("stage " + stage + " failed", error);
                }, ScoreStage.ScoreObserver.NONE)).apply(RuntimeConfig.defaults());
    }

    private static <T> void report(String name, List<T> events, int seconds, ThreadMXBean threads,
            ToIntFunction<T> work) {
        run(work, events, Math.max(1, seconds / 4), threads); // warm-up
        long[] result = run(work, events, seconds, threads);
        double cpuSeconds = result[1] / 1e9;
        double wallSeconds = result[2] / 1e9;
        System.out.printf("enricher pipeline (%s): %,d events in %.1f s wall, %.1f s CPU of one thread%n", name,
                result[0], wallSeconds, cpuSeconds);
        System.out.printf("  %,.0f events per CPU-second (per core), %,.0f events/s wall, %.2f µs CPU per event%n",
                result[0] / cpuSeconds, result[0] / wallSeconds, cpuSeconds * 1e6 / result[0]);
    }

    private static <T> long[] run(ToIntFunction<T> work, List<T> events, int seconds, ThreadMXBean threads) {
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long deadline = wallStart + seconds * 1_000_000_000L;
        long count = 0;
        int sink = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                sink += work.applyAsInt(events.get((int) (count++ % events.size())));
            }
        }
        if (sink == Integer.MIN_VALUE) {
            System.out.println(sink); // keeps the results alive
        }
        return new long[] {count, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart};
    }
}
