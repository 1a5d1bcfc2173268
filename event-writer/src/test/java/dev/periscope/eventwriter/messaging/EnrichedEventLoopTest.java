package dev.periscope.eventwriter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.periscope.eventwriter.batch.BatchBudget;
import dev.periscope.eventwriter.batch.BatchPolicy;
import dev.periscope.eventwriter.service.EventBatchProcessor;
import dev.periscope.eventwriter.writer.AccessEventWriter;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.model.testing.AccessEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The consumer loop against Kafka's MockConsumer: the order of intent commit, insert and offset commit; an intent
 * found at assignment; back-pressure; the shutdown drain. Flushes are size-triggered (the interval is an hour), so
 * no test depends on time passing.
 */
class EnrichedEventLoopTest {
    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final RecordingConsumer consumer = new RecordingConsumer();
    private Thread thread;
    private EnrichedEventLoop loop;

    /**
     * MockConsumer that logs every commit and keeps commit metadata (MockConsumer itself drops it, and answers
     * {@code committed} with nothing inside a rebalance callback).
     */
    private final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        private final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();

        RecordingConsumer() {
            super(OffsetResetStrategy.EARLIEST);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((tp, o) -> log.add("commit " + tp.partition() + "@" + o.offset()
                    + (o.metadata().isEmpty() ? "" : " " + o.metadata())));
            commits.putAll(offsets);
            super.commitSync(offsets);
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> answer = new HashMap<>();
            partitions.forEach(tp -> answer.put(tp, commits.get(tp)));
            return answer;
        }
    }

    private void start(AccessEventWriter writer, int rowsPerInsert, int queueSize, long records) {
        EventBatchProcessor processor = new EventBatchProcessor(writer, (r, e, a) -> null,
                new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.5), Duration.ofSeconds(1),
                registry, () -> 1);
        BatchBudget budget = new BatchBudget(rowsPerInsert, Long.MAX_VALUE / 2, Duration.ofHours(1), queueSize, 1,
                Duration.ofSeconds(10));
        loop = new EnrichedEventLoop(consumer, TOPIC, processor, budget,
                BatchPolicy.perShard(budget, Clock.systemUTC()), workers, registry);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            for (long offset = 0; offset < records; offset++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null,
                        AccessEvents.enriched("p", "GET", "/a", 200).build().toByteArray()));
            }
        });
        thread = new Thread(loop);
        thread.start();
    }

    private AccessEventWriter recordingWriter() {
        return (rows, token) -> log.add("insert " + token + " (" + rows.size() + ")");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        workers.shutdownNow();
    }

    @Test
    void theRangeIsCommittedAsAnIntentBeforeTheInsertAndTheOffsetAfterIt() {
        start(recordingWriter(), 3, 100, 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("commit 0@6"));
        assertThat(log).containsExactly(
                "commit 0@0 periscope-insert:0-2", "insert t-0-0-2 (3)", "commit 0@3",
                "commit 0@3 periscope-insert:3-5", "insert t-0-3-5 (3)", "commit 0@6");
    }

    @Test
    void anIntentFoundAtAssignmentIsReplayedExactlyWhateverTheBudget() {
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0, "periscope-insert:0-4")));
        log.clear();
        start(recordingWriter(), 3, 100, 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("commit 0@8"));
        assertThat(log).startsWith("commit 0@0 periscope-insert:0-4", "insert t-0-0-4 (5)", "commit 0@5",
                "commit 0@5 periscope-insert:5-7", "insert t-0-5-7 (3)", "commit 0@8");
    }

    @Test
    void shutdownDrainsWhatIsBufferedBelowTheBudget() throws InterruptedException {
        start(recordingWriter(), 100, 1000, 7);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.position(P0) == 7);
        assertThat(log).isEmpty(); // below every budget: nothing flushed yet
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(log).containsExactly("commit 0@0 periscope-insert:0-6", "insert t-0-0-6 (7)", "commit 0@7");
        assertThat(registry.find("periscope.flush.count").tag("trigger", "shutdown").counter().count()).isEqualTo(1);
    }

    @Test
    void aStuckInsertPausesConsumptionAtTheQueueSizeAndReleasingItResumes() {
        CountDownLatch release = new CountDownLatch(1);
        AccessEventWriter stuck = (rows, token) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("insert " + token);
        };
        start(stuck, 2, 6, 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(P0));
        assertThat(log).containsExactly("commit 0@0 periscope-insert:0-1");

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("commit 0@20"));
        assertThat(consumer.paused()).isEmpty();
    }
}
