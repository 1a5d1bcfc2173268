package dev.periscope.eventwriter.service;

import java.util.ArrayList;
import java.util.List;

import dev.periscope.eventwriter.writer.RawRow;

/** The records of one polled batch from one partition: the unit of one idempotent insert. */
public final class PartitionBatch {
    private final String topic;
    private final int partition;
    private long firstOffset = Long.MAX_VALUE;
    private long lastOffset = Long.MIN_VALUE;
    private final List<IncomingRecord> records = new ArrayList<>();
    private final List<RawRow> rows = new ArrayList<>();

    public PartitionBatch(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    public void addRecord(IncomingRecord record) {
        records.add(record);
        firstOffset = Math.min(firstOffset, record.offset());
        lastOffset = Math.max(lastOffset, record.offset());
    }

    void addRow(RawRow row) {
        rows.add(row);
    }

    /**
     * {@code topic-partition-firstOffset-lastOffset}: the same records replayed after a crash carry the same token,
     * so ClickHouse stores them once.
     */
    public String deduplicationToken() {
        return topic + "-" + partition + "-" + firstOffset + "-" + lastOffset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public List<IncomingRecord> records() {
        return records;
    }

    /** The rows to insert: parsed events minus the sampled-out ones. */
    public List<RawRow> rows() {
        return rows;
    }
}
