package dev.periscope.gateway.messaging; // RawRecordBuilder is package-private

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;

import dev.periscope.gateway.als.slim.HTTPAccessLogEntry;
import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;
import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.gateway.mapping.Utf8Repair;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.kit.messaging.NativeLz4;
import dev.periscope.model.HashSalt;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.serde.AccessEventSerializer;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.traffic.bench.LoadPlan;

/**
 * CPU per entry of the gateway's stages, one thread, without gRPC: parse (the ALS marshaller), map (privacy
 * included), record (key + CloudEvents headers) + value serialization, and the Kafka producer's append (with
 * {@code --kafka BOOTSTRAP}, against a topic of its own on that broker, deleted afterwards). Thread CPU time, so it
 * is far less sensitive to other load on the machine than the end-to-end benchmark. Run by {@code stage-cost.sh}.
 * Prints the best round, the median round after the first quarter (JIT warm-up), and the bytes the parse and the
 * mapping allocate per entry (last round).
 */
public final class StageCost {
    public static void main(String[] args) throws Exception {
        int rounds = 40;
        String bootstrap = null;
        String codec = "lz4";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--kafka" -> bootstrap = args[++i];
                case "--compression" -> codec = args[++i];
                default -> throw new IllegalArgumentException("usage: [--rounds N] [--kafka HOST:PORT] [--compression C]");
            }
        }
        System.out.println("lz4 implementation: " + NativeLz4.enable());
        LoadPlan plan = LoadPlan.build(100, 8, 42, "-bench");
        List<byte[]> messages = new ArrayList<>();
        plan.nodes().forEach(node -> messages.addAll(node.pool()));
        AccessLogEntryMapper mapper = new AccessLogEntryMapper("stage-cost", PrivacyPolicy.defaults(),
                RotatingHasher.of(HashSalt.parse("stage-cost-0123456789abcdef0123456789"), "stage-cost"));
        StreamIdentity identity = new StreamIdentity("public-edge", "acme-prod-bench", "10.0.1.42", "periscope-bench");
        // a topic of its own, deleted afterwards: benchmark records must not reach the pipeline's raw topic
        String topic = "periscope.bench.stage-cost." + System.currentTimeMillis();
        RawRecordBuilder records = new RawRecordBuilder(topic, "/ingest-gateway/stage-cost");
        AccessEventSerializer serializer = new AccessEventSerializer();
        Admin admin = bootstrap == null ? null : Admin.create(Map.of("bootstrap.servers", bootstrap));
        if (admin != null) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        KafkaProducer<String, AccessEvent> producer = bootstrap == null ? null : producer(bootstrap, codec);
        AtomicLong acknowledged = new AtomicLong();
        Callback callback = (metadata, failure) -> acknowledged.incrementAndGet();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long parseBytes = 0, mapBytes = 0, lastRoundEntries = 0;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[][] perRound = new double[4][rounds];
        for (int round = 0; round < rounds; round++) {
            long parse = 0, map = 0, record = 0, send = 0, entries = 0, sink = 0;
            for (int repeat = 0; repeat < 10; repeat++) {
                for (byte[] bytes : messages) {
                    long a0 = allocation.getCurrentThreadAllocatedBytes();
                    long t0 = threads.getCurrentThreadCpuTime();
                    StreamAccessLogsMessage message = Utf8Repair.parseStreamAccessLogsMessage(bytes);
                    long t1 = threads.getCurrentThreadCpuTime();
                    long a1 = allocation.getCurrentThreadAllocatedBytes();
                    List<AccessEvent> events = new ArrayList<>(100);
                    for (HTTPAccessLogEntry entry : message.getHttpLogs().getLogEntryList()) {
                        events.add(mapper.map(entry, identity, 1L));
                    }
                    long t2 = threads.getCurrentThreadCpuTime();
                    long a2 = allocation.getCurrentThreadAllocatedBytes();
                    if (round == rounds - 1) {
                        parseBytes += a1 - a0;
                        mapBytes += a2 - a1;
                        lastRoundEntries += events.size();
                    }
                    for (AccessEvent event : events) {
                        sink += records.record(event).key().length() + serializer.serialize("t", event).length;
                    }
                    long t3 = threads.getCurrentThreadCpuTime();
                    if (producer != null) {
                        for (AccessEvent event : events) {
                            producer.send(records.record(event), callback); // serializes again: subtract "record"
                        }
                    }
                    long t4 = threads.getCurrentThreadCpuTime();
                    parse += t1 - t0;
                    map += t2 - t1;
                    record += t3 - t2;
                    send += t4 - t3;
                    entries += events.size();
                }
            }
            double[] perEntry = {parse / 1e3 / entries, map / 1e3 / entries, record / 1e3 / entries,
                send / 1e3 / entries};
            for (int i = 0; i < best.length; i++) {
                best[i] = Math.min(best[i], perEntry[i]);
                perRound[i][round] = perEntry[i];
            }
            if (sink == 42) {
                System.out.print(""); // keeps the work observable
            }
        }
        System.out.printf("best of %d rounds, us CPU per entry (one thread): parse %.2f, map %.2f, "
                + "record+serialize %.2f%s%n", rounds, best[0], best[1], best[2],
                producer == null ? "" : String.format(", producer send %.2f (includes record+serialize)", best[3]));
        double[] median = new double[4];
        for (int i = 0; i < median.length; i++) {
            double[] warm = Arrays.copyOfRange(perRound[i], rounds / 4, rounds);
            Arrays.sort(warm);
            median[i] = warm[warm.length / 2];
        }
        System.out.printf("median of rounds %d-%d: parse %.2f, map %.2f, record+serialize %.2f%s%n", rounds / 4 + 1,
                rounds, median[0], median[1], median[2],
                producer == null ? "" : String.format(", producer send %.2f", median[3]));
        System.out.printf("allocated bytes per entry (last round): parse %d, map %d%n", parseBytes / lastRoundEntries,
                mapBytes / lastRoundEntries);
        if (producer != null) {
            producer.close();
            admin.deleteTopics(List.of(topic)).all().get();
            admin.close();
        }
    }

    private static KafkaProducer<String, AccessEvent> producer(String bootstrap, String codec) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.idempotence", true);
        props.put("acks", "all");
        props.put("linger.ms", 5);
        props.put("batch.size", 65536);
        props.put("compression.type", codec);
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", AccessEventSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
