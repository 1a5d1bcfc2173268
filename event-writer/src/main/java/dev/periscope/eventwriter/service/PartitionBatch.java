package dev.periscope.eventwriter.service;

import java.util.ArrayList;
import java.util.List;

import dev.periscope.model.v1.AccessEvent;

/** The records of one polled batch from one partition: the unit of one idempotent insert. */
public final class PartitionBatch {
    private final String topic;
    private final int partition;
    private long firstOffset = Long.MAX_VALUE;
    private long lastOffset = Long.MIN_VALUE;
    private final List<IncomingRecord> records = new ArrayList<>();
    private final List<AccessEvent> events = new ArrayList<>();

    PartitionBatch(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    void addRecord(IncomingRecord record) {
        records.add(record);
        firstOffset = Math.min(firstOffset, record.offset());
        lastOffset = Math.max(lastOffset, record.offset());
    }

    void addEvent(AccessEvent event) {
        events.add(event);
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

    public List<AccessEvent> events() {
        return events;
    }
}
