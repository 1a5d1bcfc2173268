package dev.periscope.eventwriter.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import dev.periscope.eventwriter.service.IncomingRecord;

/**
 * The records one shard holds between flushes, per partition in offset order. A cut takes each partition's
 * contiguous run as one insert range, except that a partition with a recorded {@link OffsetIntent} is cut exactly
 * at the intent's last offset (and waits until the run reaches it), so a replay repeats the interrupted insert.
 * Not thread-safe: only the consumer thread touches it.
 */
public final class ShardBuffer {
    private final Map<TopicPartition, List<IncomingRecord>> byPartition = new TreeMap<>(
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    private final Map<TopicPartition, OffsetIntent> intents = new HashMap<>();
    private int rows;
    private long bytes;
    private Instant oldest;

    public void add(IncomingRecord record, Instant now) {
        byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                .add(record);
        rows++;
        bytes += record.value() == null ? 0 : record.value().length;
        if (oldest == null) {
            oldest = now;
        }
    }

    /** The next insert of this partition must be exactly the intent's range. */
    public void requireCut(TopicPartition partition, OffsetIntent intent) {
        intents.put(partition, intent);
    }

    public OffsetIntent intent(TopicPartition partition) {
        return intents.get(partition);
    }

    /** Forgets a partition (revoked, or seeking back after a failed flush). */
    public void discard(TopicPartition partition) {
        List<IncomingRecord> dropped = byPartition.remove(partition);
        intents.remove(partition);
        if (dropped != null) {
            recount();
        }
    }

    /** Everything buffered, however much (tests, shutdown). */
    public List<List<IncomingRecord>> cut(Instant now) {
        return cut(now, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Removes and returns the ranges to insert now, one list per partition: each partition's oldest records, until
     * the shard's row or byte budget for one insert is used up (at least one record is taken). A partition with an
     * intent is cut exactly at the intent, whatever the budget, and stays buffered until its range is complete.
     */
    public List<List<IncomingRecord>> cut(Instant now, int maxRows, long maxBytes) {
        List<List<IncomingRecord>> ranges = new ArrayList<>();
        int rowsLeft = maxRows;
        long bytesLeft = maxBytes;
        for (var it = byPartition.entrySet().iterator(); it.hasNext() && rowsLeft > 0 && bytesLeft > 0;) {
            var entry = it.next();
            List<IncomingRecord> records = entry.getValue();
            OffsetIntent intent = intents.get(entry.getKey());
            if (intent != null && records.get(0).offset() != intent.firstOffset()) {
                intents.remove(entry.getKey()); // the range is gone from the log or was already passed
                intent = null;
            }
            if (intent == null) {
                int end = 0;
                while (end < records.size() && rowsLeft > 0 && (bytesLeft > 0 || end == 0)) {
                    IncomingRecord record = records.get(end++);
                    rowsLeft--;
                    bytesLeft -= record.value() == null ? 0 : record.value().length;
                }
                ranges.add(new ArrayList<>(records.subList(0, end)));
                records.subList(0, end).clear();
                if (records.isEmpty()) {
                    it.remove();
                }
                continue;
            }
            if (records.get(records.size() - 1).offset() < intent.lastOffset()) {
                continue;
            }
            int end = 0;
            while (end < records.size() && records.get(end).offset() <= intent.lastOffset()) {
                end++;
            }
            ranges.add(new ArrayList<>(records.subList(0, end)));
            records.subList(0, end).clear();
            intents.remove(entry.getKey());
            rowsLeft -= end;
            if (records.isEmpty()) {
                it.remove();
            }
        }
        recount();
        if (rows > 0) {
            oldest = now;
        }
        return ranges;
    }

    public int rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    /** Arrival of the oldest record still buffered (the start of the flush interval); null when empty. */
    public Instant oldest() {
        return oldest;
    }

    private void recount() {
        rows = 0;
        bytes = 0;
        for (List<IncomingRecord> records : byPartition.values()) {
            rows += records.size();
            for (IncomingRecord record : records) {
                bytes += record.value() == null ? 0 : record.value().length;
            }
        }
        if (rows == 0) {
            oldest = null;
        }
    }
}
