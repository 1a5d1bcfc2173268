package dev.periscope.model.serde;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.management.ThreadMXBean;

import dev.periscope.model.ObjectIds;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/**
 * CPU per event of {@code toByteArray()} against {@link AccessEventWriter} on one thread (thread CPU time, so
 * other load on the machine disturbs it little), medians of several rounds. Each round serializes fresh copies of
 * the events (copying is not timed): a built event memoizes its size, which would flatter protobuf on a re-run.
 *
 * <pre>
 * java -cp CLASSPATH dev.periscope.model.serde.AccessEventWriterBench [--rounds 15] [--events 4000] [--batch 64]
 *     [--kafka HOST:PORT TOPIC]   (real events read from the topic's beginning instead of the built mix)
 * </pre>
 */
public final class AccessEventWriterBench {
    private static final int WARMUP_ROUNDS = 10;
    private static final String INSTANCE_ID = "ingest-gateway-7d9f8c6b5-x2k4p";
    private static final String PROJECT = "shop-prod";
    private static final String LISTENER = "public-edge";
    private static final String LISTENER_IP = "10.0.1.42";
    private static final String LOG_NAME = "periscope";
    private static final String KEY_ID = "k2026a";

    private AccessEventWriterBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 15;
        int count = 4_000;
        int batch = 64;
        String bootstrap = null;
        String topic = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--events" -> count = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--kafka" -> {
                    bootstrap = args[++i];
                    topic = args[++i];
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<AccessEvent> events = bootstrap == null ? builtMix(count) : fromKafka(bootstrap, topic, count);
        if (events.isEmpty()) {
            throw new IllegalStateException("no events to serialize");
        }
        long totalBytes = events.stream().mapToLong(AccessEvent::getSerializedSize).sum();
        System.out.printf("events: %d (%s), mean size %d bytes, batches of %d; load average before: %s%n",
                events.size(), bootstrap == null ? "built mix" : topic, totalBytes / events.size(), batch,
                loadAverage());

        List<Function<AccessEvent, byte[]>> candidates = List.of(AccessEvent::toByteArray,
                AccessEventWriter::toByteArray);
        List<String> names = List.of("toByteArray()", "AccessEventWriter");
        long[][] nanos = new long[candidates.size()][rounds];
        long[][] allocated = new long[candidates.size()][rounds];
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
            long[][] sample = measure(events, batch, candidates);
            if (round >= WARMUP_ROUNDS) {
                for (int c = 0; c < candidates.size(); c++) {
                    nanos[c][round - WARMUP_ROUNDS] = sample[c][0];
                    allocated[c][round - WARMUP_ROUNDS] = sample[c][1];
                }
            }
        }
        double baseline = median(nanos[0]) / (double) events.size();
        for (int c = 0; c < candidates.size(); c++) {
            double perEvent = median(nanos[c]) / (double) events.size();
            System.out.printf("%-18s median %7.0f ns CPU/event (min %.0f, max %.0f), %5d B allocated/event, "
                    + "%.2fx of toByteArray()%n", names.get(c), perEvent,
                    Arrays.stream(nanos[c]).min().orElse(0) / (double) events.size(),
                    Arrays.stream(nanos[c]).max().orElse(0) / (double) events.size(),
                    median(allocated[c]) / events.size(), perEvent / baseline);
        }
        System.out.println("load average after: " + loadAverage());
    }

    /**
     * Per candidate {thread CPU ns, bytes allocated} for serializing fresh copies of every event once,
     * {@code batch} events at a time: a small batch is still in the cache when it is serialized, as an event the
     * gateway has just built. The candidates take turns on every batch (in alternating order), so a change of load
     * on the machine falls on both alike.
     */
    private static long[][] measure(List<AccessEvent> events, int batch,
            List<Function<AccessEvent, byte[]>> candidates) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long checksum = 0;
        long[][] totals = new long[candidates.size()][2];
        AccessEvent[] copies = new AccessEvent[batch];
        for (int from = 0; from < events.size(); from += batch) {
            int n = Math.min(batch, events.size() - from);
            for (int turn = 0; turn < candidates.size(); turn++) {
                int c = (from / batch) % 2 == 0 ? turn : candidates.size() - 1 - turn;
                Function<AccessEvent, byte[]> serializer = candidates.get(c);
                for (int i = 0; i < n; i++) {
                    copies[i] = AccessEvent.newBuilder(events.get(from + i)).build();
                }
                long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
                long cpuBefore = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    byte[] bytes = serializer.apply(copies[i]);
                    checksum += bytes.length + bytes[bytes.length >> 1];
                }
                totals[c][0] += threads.getCurrentThreadCpuTime() - cpuBefore;
                totals[c][1] += threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
            }
        }
        if (checksum == 42) {
            System.out.print(""); // keeps the loops' results alive
        }
        return totals;
    }

    /** Shaped like the gateway's raw events (AccessLogEntryMapper) and, one in four, the enricher's. */
    static List<AccessEvent> builtMix(int count) {
        Random random = new Random(7);
        String[] paths = {"/", "/v1/users/42", "/api/v2/orders/9f1c2b7e-1d2a-4b7e-9c51-5a0e2f7d8c11/items",
            "/static/app.3f9a1c.js", "/acme.v1.Users/GetUser", "/search", "/login"};
        String[] agents = {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "curl/8.5.0", "grpc-java-netty/1.68.1", "python-requests/2.32.3",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1"};
        List<AccessEvent> events = new ArrayList<>(count);
        long ts = 1_764_600_000_000L;
        for (int i = 0; i < count; i++) {
            ts += random.nextInt(5);
            String path = paths[random.nextInt(paths.length)];
            // per-request values are fresh strings (parsed from the Envoy entry); constants and per-stream values
            // are the same instance every time, as in the gateway's mapper
            AccessEvent.Builder event = AccessEvent.newBuilder()
                    .setStage(EventStage.EVENT_STAGE_RAW).setEventId(ObjectIds.next(ts)).setTsMs(ts)
                    .setInstanceId(INSTANCE_ID).setProjectId(PROJECT).setListenerName(LISTENER)
                    .setListenerIp(LISTENER_IP).setLogName(LOG_NAME)
                    .setProtocol(random.nextInt(3) == 0 ? "http/2" : "http/1.1")
                    .setMethod(random.nextInt(4) == 0 ? "POST" : "GET").setHost(fresh("api.shop.example.com"))
                    .setPath(fresh(path)).setStatusCode(random.nextInt(10) == 0 ? 404 : 200)
                    .setDurationMs(random.nextDouble() * 250).setRequestBytes(200 + random.nextInt(2_000))
                    .setResponseBytes(random.nextInt(60_000))
                    .setSourceIp("203.0.113." + random.nextInt(256) + ":" + (32_768 + random.nextInt(28_000)))
                    .setUserAgent(fresh(agents[random.nextInt(agents.length)]))
                    .setRouteName(fresh("api")).setUpstreamCluster(fresh("shop-backend")).setRouteMatched(true)
                    .setRequestId(new UUID(random.nextLong(), random.nextLong()).toString())
                    .setContentType(fresh("application/json")).setHashKeyId(KEY_ID)
                    .setTlsVersion("TLSv1.3").setTlsSni(fresh("api.shop.example.com"))
                    .setXctoPresent(true).setHstsPresent(random.nextBoolean()).setCorsAllowOrigin("origin")
                    .setServerSoftware(fresh("envoy"));
            if (path.equals("/search")) {
                event.addQueryParamNames("q").addQueryParamNames("page").addQueryParamNames("email")
                        .addQueryPiiCategories("email");
            }
            if (path.startsWith("/acme.v1.")) {
                event.setGrpcService("acme.v1.Users").setGrpcMethod("GetUser").setGrpcStatus(random.nextInt(3))
                        .setContentType("application/grpc");
            }
            if (random.nextInt(3) > 0) {
                event.setAuthObserved(true).addAuthHints("bearer").setConsumerHash(hex(random, 16))
                        .setConsumerScheme("jwt");
            }
            if (random.nextInt(5) == 0) {
                event.putHeaders("content-type", fresh("application/json"))
                        .putHeaders("x-request-id", hex(random, 32)).putHeaders("user-agent", fresh("curl/8.5.0"));
            }
            if (random.nextInt(8) == 0) {
                event.addResponseFlags("UF").addResponseFlags("URX");
            }
            if (i % 4 == 3) {
                event.setStage(EventStage.EVENT_STAGE_ENRICHED).setSourceIp("").setUserAgent("")
                        .setNormalizedPath(fresh(path.replace("42", "{id}"))).setSourceIpHash(hex(random, 16))
                        .setUserAgentHash(hex(random, 16)).addAuthSchemes("jwt").addEndpointCategories("user")
                        .setPostureScore(72).setConfirmed(true).putTags("geo.country", "DE")
                        .putTags("geo.continent", "EU").putTags("ua.family", "Firefox").putTags("asn", "AS3320");
            }
            events.add(event.build());
        }
        return events;
    }

    private static List<AccessEvent> fromKafka(String bootstrap, String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<AccessEvent> events = new ArrayList<>(count);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int emptyPolls = 0;
            int skipped = 0;
            while (events.size() < count && emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.value() != null && events.size() < count) {
                        try {
                            events.add(AccessEvent.parseFrom(record.value()));
                        } catch (InvalidProtocolBufferException e) {
                            skipped++; // other tests' malformed records
                        }
                    }
                }
            }
            if (skipped > 0) {
                System.out.println("skipped " + skipped + " records that are not AccessEvents");
            }
        }
        return events;
    }

    private static String fresh(String value) {
        return new String(value.toCharArray());
    }

    private static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] append(long[] values, long value) {
        long[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
