package dev.periscope.eventwriter.service;

import dev.periscope.kit.retry.RetryBackoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.periscope.eventwriter.writer.AccessEventWriter;
import dev.periscope.eventwriter.writer.RawRow;
import dev.periscope.eventwriter.writer.SinkException;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EventBatchProcessorTest {
    private static final String TOPIC = "periscope.access.enriched.v1";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> tokens = new ArrayList<>();
    private final List<List<AccessEvent>> inserted = new ArrayList<>();
    private final List<IncomingRecord> deadLettered = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<List<Integer>> weights = new ArrayList<>();
    private int sampleRate = 1;
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 1.0);
    private final EventBatchProcessor.DeadLetters deadLetters = (record, error, attempts) -> {
        deadLettered.add(record);
        return CompletableFuture.completedFuture(null);
    };

    private EventBatchProcessor processor(AccessEventWriter sink, boolean keepRunning) {
        return new EventBatchProcessor(sink, deadLetters, backoff, Duration.ofSeconds(1), registry, () -> sampleRate,
                delay -> {
            pauses.add(delay);
            return keepRunning;
        });
    }

    private AccessEventWriter recordingSink() {
        return (rows, token) -> {
            tokens.add(token);
            inserted.add(rows.stream().map(RawRow::event).toList());
            weights.add(rows.stream().map(RawRow::sampleWeight).toList());
        };
    }

    private static IncomingRecord record(int partition, long offset, String projectId) {
        byte[] value = AccessEvents.enriched(projectId, "GET", "/a", 200).build().toByteArray();
        return new IncomingRecord(TOPIC, partition, offset, ("k" + offset).getBytes(), value);
    }

    private static IncomingRecord poison(int partition, long offset) {
        return new IncomingRecord(TOPIC, partition, offset, "bad".getBytes(), new byte[] {(byte) 0xFF, 0x01, 0x02});
    }

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void insertsOncePerPartitionWithTheOffsetRangeAsToken() {
        processor(recordingSink(), true).process(List.of(record(0, 10, "p"), record(1, 3, "p"), record(0, 11, "p"),
                record(0, 12, "p")));

        assertThat(tokens).containsExactly(TOPIC + "-0-10-12", TOPIC + "-1-3-3");
        assertThat(inserted.get(0)).hasSize(3);
        assertThat(inserted.get(1)).hasSize(1);
        assertThat(counter("periscope.events.received")).isEqualTo(4);
        assertThat(counter("periscope.events.stored")).isEqualTo(4);
    }

    @Test
    void poisonIsDeadLetteredAndTheRestStoredUnderTheSameToken() {
        IncomingRecord bad = poison(0, 11);
        processor(recordingSink(), true).process(List.of(record(0, 10, "p"), bad, record(0, 12, "p")));

        assertThat(deadLettered).containsExactly(bad);
        assertThat(tokens).containsExactly(TOPIC + "-0-10-12");
        assertThat(inserted.get(0)).hasSize(2);
        assertThat(counter("periscope.events.dropped", "reason", "malformed")).isEqualTo(1);
    }

    @Test
    void aPartitionOfOnlyPoisonInsertsNothing() {
        processor(recordingSink(), true).process(List.of(poison(2, 5)));
        assertThat(tokens).isEmpty();
        assertThat(deadLettered).hasSize(1);
    }

    @Test
    void retryableFailuresBackOffThenSucceedWithTheSameToken() {
        List<String> attempts = new ArrayList<>();
        AccessEventWriter flaky = (events, token) -> {
            attempts.add(token);
            if (attempts.size() < 4) {
                throw SinkException.retryable("insert", "connection refused", null);
            }
        };
        processor(flaky, true).process(List.of(record(0, 7, "p")));

        assertThat(attempts).hasSize(4).containsOnly(TOPIC + "-0-7-7");
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(counter("periscope.events.insert.retries")).isEqualTo(3);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void stoppingWhileTheSinkIsDownLeavesTheBatchUnacknowledged() {
        AccessEventWriter down = (events, token) -> {
            throw SinkException.retryable("insert", "connection refused", null);
        };
        assertThatThrownBy(() -> processor(down, false).process(List.of(record(0, 1, "p"))))
                .isInstanceOf(EventBatchProcessor.StoppedException.class);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void permanentRejectionDeadLettersTheWholePartitionBatch() {
        AccessEventWriter rejecting = (events, token) -> {
            throw SinkException.permanent("insert", "TYPE_MISMATCH", null);
        };
        processor(rejecting, true).process(List.of(record(0, 1, "p"), record(0, 2, "p")));

        assertThat(deadLettered).extracting(IncomingRecord::offset).containsExactly(1L, 2L);
        assertThat(counter("periscope.events.dropped", "reason", "rejected")).isEqualTo(2);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aFailedDeadLetterIsRetried() {
        List<Integer> calls = new ArrayList<>();
        EventBatchProcessor.DeadLetters flaky = (record, error, attempts) -> {
            calls.add(1);
            return calls.size() == 1 ? CompletableFuture.failedFuture(new IllegalStateException("broker"))
                    : CompletableFuture.completedFuture(null);
        };
        new EventBatchProcessor(recordingSink(), flaky, backoff, Duration.ofSeconds(1), registry, () -> 1, d -> true)
                .process(List.of(poison(0, 1)));
        assertThat(calls).hasSize(2);
    }

    @Test
    void samplingKeepsEveryRiskyAndNon2xxEventAndWeightsTheKeptBenignOnes() {
        sampleRate = 4;
        List<IncomingRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            AccessEvent.Builder event = AccessEvents.enriched("p", "GET", "/a", 200);
            if (i % 10 == 1) {
                event.setStatusCode(503);
            } else if (i % 10 == 2) {
                event.setRiskScore(40).addRiskFlags("scanner_user_agent");
            } else if (i % 10 == 3) {
                event.addRiskFlags("missing_hsts"); // posture only: still benign
            }
            records.add(new IncomingRecord(TOPIC, 0, i, null, event.build().toByteArray()));
        }
        processor(recordingSink(), true).process(records);

        assertThat(tokens).containsExactly(TOPIC + "-0-0-399");
        List<AccessEvent> kept = inserted.get(0);
        assertThat(kept.stream().filter(e -> e.getStatusCode() == 503)).hasSize(40);
        assertThat(kept.stream().filter(e -> e.getRiskScore() > 0)).hasSize(40);
        long benignKept = kept.stream().filter(e -> e.getStatusCode() == 200 && e.getRiskScore() == 0).count();
        // 320 benign events, 1 in 4 kept by event-id hash: near 80, never all, never none
        assertThat(benignKept).isBetween(50L, 110L);
        for (int i = 0; i < kept.size(); i++) {
            AccessEvent e = kept.get(i);
            boolean benign = e.getStatusCode() == 200 && e.getRiskScore() == 0;
            assertThat(weights.get(0).get(i)).isEqualTo(benign ? 4 : 1);
        }
        assertThat(counter("periscope.raw_events.sampled_out")).isEqualTo(320 - benignKept);
        // weighted, the kept rows stand for every event
        assertThat(weights.get(0).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo((int) (80 + benignKept * 4));
    }
}
