package dev.periscope.inventory.fencing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a committed offset of the enriched topic says about the offsets after it, written into the commit's
 * metadata: the commit at {@code committedOffset} is "everything below is applied" (Kafka's meaning), and
 * {@code mayBeAppliedThrough} adds "offsets up to here may be applied already, nothing after it is". The writer
 * commits one before each bulk write (the batch's first offset, through at least its last), so whoever owns the
 * partition next fences exactly that range and writes everything after it with a plain {@code _id} filter.
 * {@code mayBeAppliedThrough < committedOffset} says nothing at or after the committed offset is applied.
 */
public record OffsetIntent(long committedOffset, long mayBeAppliedThrough) {
    private static final String PREFIX = "periscope-inventory-intent:";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-(-?\\d{1,18})");

    public OffsetIntent {
        if (committedOffset < 0 || mayBeAppliedThrough < committedOffset - 1) {
            throw new IllegalArgumentException("bad intent " + committedOffset + "-" + mayBeAppliedThrough);
        }
    }

    /** Nothing at or after {@code committedOffset} applied (a clean hand-over). */
    public static OffsetIntent clean(long committedOffset) {
        return new OffsetIntent(committedOffset, committedOffset - 1);
    }

    public String metadata() {
        return PREFIX + committedOffset + "-" + mayBeAppliedThrough;
    }

    /**
     * The intent recorded with a commit at {@code committedOffset}; empty when the metadata holds none, or one made
     * for another offset (the commit was moved by a tool): then the commit alone does not bound what was applied.
     */
    public static Optional<OffsetIntent> parse(String metadata, long committedOffset) {
        if (metadata == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(metadata);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long committed = Long.parseLong(matcher.group(1));
        long through = Long.parseLong(matcher.group(2));
        if (committed != committedOffset || through < committed - 1) {
            return Optional.empty();
        }
        return Optional.of(new OffsetIntent(committed, through));
    }
}
