package dev.periscope.readiness.auth;

import java.util.Date;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes audit records to the MongoDB collection {@code readiness_audit} on one background thread (the HTTP event
 * loop must not wait for MongoDB). A record that cannot be written — queue full, MongoDB down — is logged at ERROR
 * and counted in {@code periscope_readiness_audit_dropped_total{reason}}.
 */
public final class MongoAuditLog implements AuditLog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MongoAuditLog.class);

    private final MongoCollection<Document> collection;
    private final MeterRegistry meters;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread thread = new Thread(r, "readiness-audit-writer");
                thread.setDaemon(true);
                return thread;
            });

    public MongoAuditLog(MongoCollection<Document> collection, MeterRegistry meters) {
        this.collection = collection;
        this.meters = meters;
    }

    @Override
    public void record(AuditRecord record) {
        try {
            writer.execute(() -> write(record));
        } catch (RejectedExecutionException e) {
            drop(record, "queue_full", "audit queue full");
        }
    }

    private void write(AuditRecord record) {
        try {
            collection.insertOne(toDocument(record));
        } catch (MongoException e) {
            drop(record, "write_failed", e.getMessage());
        }
    }

    static Document toDocument(AuditRecord record) {
        return new Document("who", record.who()).append("what", record.what()).append("when", Date.from(record.when()))
                .append("status", record.status()).append("outcome", record.outcome())
                .append("address", record.address());
    }

    private void drop(AuditRecord record, String reason, String detail) {
        meters.counter("periscope_readiness_audit_dropped_total", "reason", reason).increment();
        LOG.errorf("audit record not written (%s): %s %s by %s -> %d", detail, record.what(), record.when(),
                record.who(), record.status());
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
