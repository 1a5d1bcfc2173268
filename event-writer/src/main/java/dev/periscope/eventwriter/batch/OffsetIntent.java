package dev.periscope.eventwriter.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The range of one partition about to be inserted, written into the Kafka commit metadata of its first offset
 * before the insert. After a crash between insert and commit the restarted writer reads it back and cuts exactly
 * the same range again, so the insert carries the same deduplication token and ClickHouse stores nothing twice.
 */
public record OffsetIntent(long firstOffset, long lastOffset) {
    private static final String PREFIX = "periscope-insert:";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)");

    public OffsetIntent {
        if (firstOffset < 0 || lastOffset < firstOffset) {
            throw new IllegalArgumentException("bad offset range " + firstOffset + "-" + lastOffset);
        }
    }

    public String metadata() {
        return PREFIX + firstOffset + "-" + lastOffset;
    }

    /** The intent recorded at {@code committedOffset}, if its metadata holds one that starts there. */
    public static Optional<OffsetIntent> parse(String metadata, long committedOffset) {
        if (metadata == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(metadata);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long first = Long.parseLong(matcher.group(1));
        long last = Long.parseLong(matcher.group(2));
        if (first != committedOffset || last < first) {
            return Optional.empty();
        }
        return Optional.of(new OffsetIntent(first, last));
    }
}
