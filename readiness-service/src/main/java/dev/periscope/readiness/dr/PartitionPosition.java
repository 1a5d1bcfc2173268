package dev.periscope.readiness.dr;

import java.util.OptionalLong;

/**
 * Where one consumer group stands in one partition.
 *
 * @param committedOffset the group's committed offset (the next record it will read)
 * @param logStartOffset the oldest offset the broker still holds
 * @param endOffset the offset the next produced record will get
 * @param committedRecordTimestampMs the timestamp of the record at the committed offset, when there is one and it
 *        could be read
 */
public record PartitionPosition(int partition, long committedOffset, long logStartOffset, long endOffset,
        OptionalLong committedRecordTimestampMs) {

    public long lag() {
        return Math.max(0, endOffset - Math.max(committedOffset, logStartOffset));
    }

    /** Records the group had not read were deleted by retention before it got to them. */
    public boolean lostRecords() {
        return committedOffset < logStartOffset;
    }
}
