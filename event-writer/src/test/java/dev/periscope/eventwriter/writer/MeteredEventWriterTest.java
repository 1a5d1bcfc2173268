package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.AccessEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MeteredEventWriterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<RawRow> rows = List.of(RawRow.unsampled(AccessEvents.enriched("p", "GET", "/a", 200).build()),
            RawRow.unsampled(AccessEvents.enriched("p", "GET", "/b", 200).build()));

    @Test
    void countsRowsBatchSizeAndDuration() {
        new MeteredEventWriter((r, token) -> { }, registry).insert(rows, "t");
        assertThat(registry.find("periscope.clickhouse.rows.inserted").counter().count()).isEqualTo(2);
        assertThat(registry.find("periscope.batch.size").summary().totalAmount()).isEqualTo(2);
        assertThat(registry.find("periscope.clickhouse.insert.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void countsErrorsByOperationAndRethrows() {
        AccessEventWriter timingOut = (r, token) -> {
            throw SinkException.retryable("timeout", "insert took longer than 10s", null);
        };
        MeteredEventWriter writer = new MeteredEventWriter(timingOut, registry);
        assertThatThrownBy(() -> writer.insert(rows, "t")).isInstanceOf(SinkException.class);
        assertThat(registry.find("periscope.clickhouse.errors").tag("op", "timeout").counter().count()).isEqualTo(1);
        assertThat(registry.find("periscope.clickhouse.rows.inserted").counter()).isNull();
        assertThat(registry.find("periscope.clickhouse.insert.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchIsNotAnInsert() {
        new MeteredEventWriter((r, token) -> {
            throw new AssertionError("must not be called");
        }, registry).insert(List.of(), "t");
        assertThat(registry.find("periscope.clickhouse.insert.duration").timer().count()).isZero();
    }
}
