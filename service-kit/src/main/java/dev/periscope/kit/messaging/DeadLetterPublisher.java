package dev.periscope.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a record that cannot be processed to periscope.access.dlq.v1 with its original key and bytes and headers
 * naming the error and where it came from, so the consumer can move on without losing it.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    public static final String HEADER_ERROR_CLASS = "periscope_dlq_error_class";
    public static final String HEADER_ERROR_MESSAGE = "periscope_dlq_error_message";
    public static final String HEADER_SOURCE_TOPIC = "periscope_dlq_source_topic";
    public static final String HEADER_SOURCE_PARTITION = "periscope_dlq_source_partition";
    public static final String HEADER_SOURCE_OFFSET = "periscope_dlq_source_offset";
    public static final String HEADER_ATTEMPTS = "periscope_dlq_attempts";
    private static final int MAX_MESSAGE_LENGTH = 1000;

    private final Emitter<byte[]> emitter;
    private final MeterRegistry registry;

    public DeadLetterPublisher(@Channel("dead-letters") Emitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /** Completes when the broker acknowledged the dead letter; only then may the source offset be committed. */
    public CompletionStage<Void> publish(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, HEADER_ERROR_CLASS, letter.error().getClass().getName());
        header(headers, HEADER_ERROR_MESSAGE, oneLine(letter.error().getMessage()));
        header(headers, HEADER_SOURCE_TOPIC, letter.sourceTopic());
        header(headers, HEADER_SOURCE_PARTITION, Integer.toString(letter.sourcePartition()));
        header(headers, HEADER_SOURCE_OFFSET, Long.toString(letter.sourceOffset()));
        header(headers, HEADER_ATTEMPTS, Integer.toString(letter.attempts()));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<byte[]> message = Message.of(letter.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<byte[]>builder().withKey(letter.key()).withHeaders(headers)
                        .build())
                .withAck(() -> {
                    registry.counter("periscope.dead_letters", "source", letter.sourceTopic()).increment();
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String message) {
        String text = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH);
    }

    /** One record that failed permanently. */
    public record DeadLetter(String sourceTopic, int sourcePartition, long sourceOffset, byte[] key, byte[] value,
            Throwable error, int attempts) {
    }
}
