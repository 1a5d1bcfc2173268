package dev.periscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;

import dev.periscope.model.ObjectIds;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.v1.AccessEvent;

/**
 * Driver of {@code infra/bench/enricher-e2e.sh}. Two commands:
 * <ul>
 * <li>{@code prepare BOOTSTRAP RAW_TOPIC ENRICHED_TOPIC EVENTS MONGO_URI DATABASE} — creates both topics (6
 * partitions, as the real ones), preloads EVENTS raw events ({@link FullPipeline#events}: the demo mix, a third of
 * the addresses geolocated, fresh event ids) keyed by source address as the gateway does, and fills the
 * benchmark's database: the test GeoIP databases in GridFS bucket {@code geoip}, a 10,000-entry threat-intel feed,
 * and a runtime-config document with every detector on.</li>
 * <li>{@code measure BOOTSTRAP ENRICHED_TOPIC EVENTS PID} — reads the enriched topic from the start until EVENTS
 * records arrived and prints events/s from the first to the last record's timestamp (set by the enricher's
 * producer) and the enricher process's CPU time (/proc/PID/stat) over the same span.</li>
 * </ul>
 */
public final class EnricherEndToEnd {
    private EnricherEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "prepare" -> prepare(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5], args[6]);
            case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "drop" -> {
                try (MongoClient client = MongoClients.create(args[1])) {
                    client.getDatabase(args[2]).drop();
                }
            }
            default -> throw new IllegalArgumentException("usage: prepare BOOTSTRAP RAW ENRICHED EVENTS MONGO_URI DB"
                    + " | measure BOOTSTRAP ENRICHED EVENTS PID | drop MONGO_URI DB");
        }
    }

    private static void prepare(String bootstrap, String rawTopic, String enrichedTopic, int count, String mongoUri,
            String database) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(rawTopic, 6, (short) 1), new NewTopic(enrichedTopic, 6,
                    (short) 1))).all().get();
        }
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase db = client.getDatabase(database);
            var bucket = GridFSBuckets.create(db, "geoip");
            upload(bucket, "city.mmdb", "GeoIP2-City-Test.mmdb");
            upload(bucket, "asn.mmdb", "GeoLite2-ASN-Test.mmdb");
            Random random = new Random(12);
            StringBuilder feed = new StringBuilder("175.16.199.200\n198.51.100.7\n");
            for (int i = 0; i < 10_000; i++) {
                feed.append(1 + random.nextInt(223)).append('.').append(random.nextInt(256)).append('.')
                        .append(random.nextInt(256)).append(".0/24\n");
            }
            db.getCollection("threat_intel_feeds").insertOne(new Document("_id", "bench_blocklist")
                    .append("entries", feed.toString()).append("updated_at", new Date()));
            db.getCollection("runtime_config").insertOne(new Document("_id", "default").append("version", 1)
                    .append("detection", new Document("rate_anomaly", new Document("enabled", true))
                            .append("ip_rate", new Document("enabled", true))));
        }
        List<AccessEvent> mix = FullPipeline.events(10_000);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                AccessEvent event = mix.get(i % mix.size()).toBuilder().setEventId(ObjectIds.next(now)).setTsMs(now)
                        .build();
                producer.send(new ProducerRecord<>(rawTopic, RecordKeys.rawKey(event).getBytes(StandardCharsets.UTF_8),
                        event.toByteArray()));
            }
            producer.flush();
        }
        System.out.printf("prepared: %,d raw events in %s, GeoIP + feed + runtime config in %s%n", count, rawTopic,
                database);
    }

    private static void upload(GridFSBucket bucket, String name, String resource)
            throws IOException {
        try (InputStream in = EnricherEndToEnd.class.getResourceAsStream("/geoip/" + resource)) {
            bucket.uploadFromStream(name, in);
        }
    }

    private static void measure(String bootstrap, String enrichedTopic, int count, long pid) throws Exception {
        CpuSampler cpu = new CpuSampler(pid);
        cpu.start();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        long seen = 0;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;
        long[] timestamps = new long[count];
        long idleSince = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(enrichedTopic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(enrichedTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < count) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    if (System.nanoTime() - idleSince > Duration.ofSeconds(180).toNanos()) {
                        System.out.printf("timeout: only %,d of %,d enriched records, 180 s without one%n", seen,
                                count);
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    firstTs = Math.min(firstTs, record.timestamp());
                    lastTs = Math.max(lastTs, record.timestamp());
                    if (seen < count) {
                        timestamps[(int) seen] = record.timestamp();
                    }
                    seen++;
                }
            }
        }
        cpu.interrupt();
        cpu.join();
        double seconds = Math.max(1, lastTs - firstTs) / 1000.0;
        double cpuSeconds = cpu.ticksBetween(firstTs, lastTs) / 100.0; // USER_HZ
        System.out.printf("enriched: %,d records, first→last record %.2f s wall → %,.0f events/s%n", seen, seconds,
                seen / seconds);
        System.out.printf("enricher CPU over that span (all its threads: consumer, producer, GC, JIT): %.1f s → "
                + "%,.0f events per CPU-second%n", cpuSeconds, cpuSeconds > 0 ? seen / cpuSeconds : Double.NaN);
        // the second half of the records, by timestamp: past start-up and most of the JIT warm-up
        int n = (int) Math.min(seen, count);
        Arrays.sort(timestamps, 0, n);
        long halfTs = timestamps[n / 2];
        long halfEvents = n - n / 2;
        double halfSeconds = Math.max(1, lastTs - halfTs) / 1000.0;
        double halfCpu = cpu.ticksBetween(halfTs, lastTs) / 100.0;
        System.out.printf("second half: %,d records in %.2f s wall → %,.0f events/s; %.1f s CPU → %,.0f events per "
                + "CPU-second%n", halfEvents, halfSeconds, halfEvents / halfSeconds, halfCpu,
                halfCpu > 0 ? halfEvents / halfCpu : Double.NaN);
    }

    /** Samples the process's CPU ticks every 50 ms, so the CPU between two record timestamps can be read. */
    private static final class CpuSampler extends Thread {
        private final long pid;
        private final List<long[]> samples = new ArrayList<>();

        CpuSampler(long pid) {
            super("cpu-sampler");
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    long ticks = cpuTicks(pid);
                    synchronized (samples) {
                        samples.add(new long[] {System.currentTimeMillis(), ticks});
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException | IOException e) {
                // stopped, or the process ended
            }
        }

        /** Ticks from the last sample at or before {@code from} to the first at or after {@code to} (an upper bound). */
        long ticksBetween(long from, long to) {
            synchronized (samples) {
                long start = samples.get(0)[1];
                long end = samples.get(samples.size() - 1)[1];
                for (long[] sample : samples) {
                    if (sample[0] <= from) {
                        start = sample[1];
                    }
                }
                for (int i = samples.size() - 1; i >= 0; i--) {
                    if (samples.get(i)[0] >= to) {
                        end = samples.get(i)[1];
                    }
                }
                return end - start;
            }
        }
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
