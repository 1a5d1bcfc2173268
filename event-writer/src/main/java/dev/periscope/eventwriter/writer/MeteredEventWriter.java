package dev.periscope.eventwriter.writer;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Decorator: insert duration, rows inserted, errors by operation (insert | timeout | schema) and batch sizes of any
 * {@link AccessEventWriter}.
 */
public final class MeteredEventWriter implements AccessEventWriter {
    private final AccessEventWriter delegate;
    private final MeterRegistry registry;
    private final Timer duration;

    public MeteredEventWriter(AccessEventWriter delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.duration = Timer.builder("periscope.clickhouse.insert.duration").publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public void insert(List<RawRow> rows, String deduplicationToken) {
        if (rows.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start(registry);
        try {
            delegate.insert(rows, deduplicationToken);
            registry.counter("periscope.clickhouse.rows.inserted").increment(rows.size());
            registry.summary("periscope.batch.size").record(rows.size());
        } catch (SinkException e) {
            registry.counter("periscope.clickhouse.errors", "op", e.operation()).increment();
            throw e;
        } finally {
            sample.stop(duration);
        }
    }
}
