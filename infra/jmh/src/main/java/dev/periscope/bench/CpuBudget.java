package dev.periscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.model.v1.AccessEvent;

/**
 * Events per CPU-second of the enricher's classification on one thread, from the thread's own CPU time: unlike
 * wall-clock throughput it does not drop when other processes share the cores, so it answers "how many events per
 * core" on a busy machine. Usage: {@code java -cp benchmarks.jar dev.periscope.bench.CpuBudget [seconds]}.
 */
public final class CpuBudget {
    private CpuBudget() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<AccessEvent> events = RawEventMix.build(10_000);
        Classifier classifier = EnricherClassifierBenchmark.productionClassifier();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(classifier, events, seconds / 4, threads); // warm-up
        long[] result = run(classifier, events, seconds, threads);
        double cpuSeconds = result[1] / 1e9;
        double wallSeconds = result[2] / 1e9;
        System.out.printf("enricher classification: %,d events in %.1f s wall, %.1f s CPU of one thread%n",
                result[0], wallSeconds, cpuSeconds);
        System.out.printf("  %,.0f events per CPU-second (per core), %,.0f events/s wall, %.2f µs CPU per event%n",
                result[0] / cpuSeconds, result[0] / wallSeconds, cpuSeconds * 1e6 / result[0]);
    }

    private static long[] run(Classifier classifier, List<AccessEvent> events, int seconds, ThreadMXBean threads) {
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long deadline = wallStart + seconds * 1_000_000_000L;
        long count = 0;
        int sink = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                sink += classifier.classify(events.get((int) (count++ % events.size()))).getRiskFlagsCount();
            }
        }
        if (sink == Integer.MIN_VALUE) {
            System.out.println(sink); // keeps the results alive
        }
        return new long[] {count, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart};
    }
}
