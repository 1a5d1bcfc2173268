package dev.periscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.detect.DetectorStates;
import dev.periscope.enricher.detect.SkipListener;
import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/**
 * Retained heap per tracked key of each detector family: for one family at a time, a production pipeline
 * ({@link FullPipeline}, path learning off so nothing but the detectors keeps per-event state) with only that
 * family's detector blocks enabled, 100,000 events with distinct keys pushed through, and the heap used after a full
 * GC compared before and after, divided by the keys the detectors report ({@link DetectorFactory#entries}). Usage:
 * {@code java -Xmx1g -cp benchmarks.jar dev.periscope.bench.DetectorMemory [keys]}; run it with nothing else in
 * the JVM.
 */
public final class DetectorMemory {
    private static final List<String> BLOCKS = List.of("bola", "brute_force", "rate_anomaly", "payment_abuse",
            "replay", "path_scan", "geo_spread", "ip_rate", "response_size", "behavior", "auth_inconsistent");
    private static final String[] GEO = {"81.2.69.142", "89.160.20.115", "216.160.83.57", "175.16.199.3"};

    /** One family: the runtime-config block to enable, the detector names it reports, and its n-th event. */
    private record Family(String block, List<String> detectors, LongFunction<AccessEvent> event) {
    }

    private DetectorMemory() {
    }

    public static void main(String[] args) {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<Family> families = List.of(
                new Family("bola", List.of("bola"),
                        n -> consumer(call("GET", "/api/v1/orders/" + (1_000_000 + n), 403, ip(n)), n).build()),
                new Family("brute_force", List.of("brute_force"),
                        n -> consumer(call("POST", "/api/v1/auth/login", 401, ip(n)), n).build()),
                new Family("rate_anomaly", List.of("rate_anomaly"),
                        n -> consumer(call("GET", "/api/v1/catalog", 200, "10.9.0.1"), n).build()),
                new Family("ip_rate", List.of("ip_rate"), n -> call("GET", "/api/v1/catalog", 200, ip(n)).build()),
                new Family("payment_abuse", List.of("payment_abuse"),
                        n -> consumer(call("POST", "/api/v1/payments/checkout", 402, ip(n)), n).build()),
                new Family("replay", List.of("replay"), n -> call("GET", "/api/v1/files/report", 200, ip(n))
                        .addQueryParamNames("signature").build()),
                new Family("path_scan", List.of("path_scan"), n -> call("GET", "/nothing/here", 404, ip(n)).build()),
                new Family("geo_spread", List.of("geo_spread"),
                        n -> consumer(call("GET", "/api/v1/profile", 200, GEO[(int) (n % GEO.length)]), n).build()),
                new Family("response_size", List.of("response_size"),
                        n -> call("GET", "/api/v1/catalog", 200, "10.9.0.1").setProjectId("p" + n).build()),
                new Family("behavior", List.of("latency", "error_rate"),
                        n -> call("GET", "/api/v1/catalog", 200, "10.9.0.1").setProjectId("p" + n).build()),
                new Family("auth_inconsistent", List.of("auth_inconsistent"),
                        n -> call("GET", "/api/v1/catalog", 200, "10.9.0.1").setProjectId("p" + n).build()));
        System.out.printf("retained heap per tracked key, %,d distinct keys per family (%s)%n", keys,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (Family family : families) {
            measure(family, keys);
        }
    }

    private static void measure(Family family, int keys) {
        Clock clock = Clock.systemUTC();
        DetectorFactory detectors = new DetectorFactory(new DetectorStates(),
                new Baselines(keys * 2, SkipListener.NONE), SkipListener.NONE, clock,
                clock.instant().minus(Duration.ofHours(1)), keys * 2);
        Classifier classifier = new ClassifierFactory(FullPipeline.shared(clock, detectors, false))
                .apply(RuntimeConfigParser.parse(Map.of("version", 1, "detection", only(family.block())))
                        .config().orElseThrow());
        // warm the stage's own code paths and caches with a few keys that stay in the tables
        for (long n = 0; n < 100; n++) {
            classifier.classify(family.event().apply(n));
        }
        long before = usedAfterGc();
        long entriesBefore = entries(detectors, family);
        for (long n = 100; n < keys + 100; n++) {
            classifier.classify(family.event().apply(n));
        }
        long after = usedAfterGc();
        long added = entries(detectors, family) - entriesBefore;
        System.out.printf(Locale.ROOT, "  %-18s %,9d keys  %,12d bytes  %6.0f bytes/key%n", family.block(), added,
                after - before, added == 0 ? Double.NaN : (after - before) / (double) added);
        if (classifier.hashCode() == 42 && detectors.hashCode() == 42) {
            System.out.println(); // keeps both reachable until the second measurement
        }
    }

    /** The detection document with {@code block} on and every other block off. */
    private static Map<String, Object> only(String block) {
        Map<String, Object> detection = new HashMap<>();
        for (String b : BLOCKS) {
            detection.put(b, Map.of("enabled", b.equals(block)));
        }
        return detection;
    }

    private static long entries(DetectorFactory detectors, Family family) {
        long total = 0;
        for (String detector : family.detectors()) {
            total += detectors.entries(detector);
        }
        return total;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String ip(long n) {
        return "100." + (128 + (n >> 16 & 63)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static AccessEvent.Builder consumer(AccessEvent.Builder call, long n) {
        return call.setConsumerHash(String.format("%016x", n)).setConsumerScheme("jwt").setAuthObserved(true)
                .addAuthHints("bearer");
    }

    private static AccessEvent.Builder call(String method, String path, int status, String ip) {
        return AccessEvent.newBuilder().setStage(EventStage.EVENT_STAGE_RAW).setEventId(UUID.randomUUID().toString())
                .setTsMs(System.currentTimeMillis()).setProjectId("bench").setListenerName("public-edge")
                .setProtocol("http/1.1").setMethod(method).setHost("api.example.test").setPath(path)
                .setStatusCode(status).setDurationMs(12.5).setResponseBytes(2048).setSourceIp(ip)
                .setUserAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0").setRequestId(UUID.randomUUID().toString())
                .setContentType("application/json").setRouteMatched(true);
    }
}
