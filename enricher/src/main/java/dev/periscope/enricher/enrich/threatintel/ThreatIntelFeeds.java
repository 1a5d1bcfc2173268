package dev.periscope.enricher.enrich.threatintel;

import java.util.Comparator;
import java.util.List;

/**
 * The compiled feeds active at one moment, sorted by name. Immutable and thread-safe; swapped whole by
 * {@link ThreatIntelSync}. A lookup costs one binary search per feed.
 */
public final class ThreatIntelFeeds {
    public static final ThreatIntelFeeds NONE = new ThreatIntelFeeds(List.of());

    private final Feed[] feeds;

    public ThreatIntelFeeds(List<Feed> feeds) {
        this.feeds = feeds.stream().sorted(Comparator.comparing(Feed::name)).toArray(Feed[]::new);
    }

    /** The comma-joined names of the feeds listing {@code address}, in name order; null when none does. */
    public String matchingFeeds(byte[] address) {
        StringBuilder names = null;
        for (Feed feed : feeds) {
            if (feed.ranges().contains(address)) {
                if (names == null) {
                    names = new StringBuilder(feed.name());
                } else {
                    names.append(',').append(feed.name());
                }
            }
        }
        return names == null ? null : names.toString();
    }

    public List<Feed> feeds() {
        return List.of(feeds);
    }

    public Feed feed(String name) {
        for (Feed feed : feeds) {
            if (feed.name().equals(name)) {
                return feed;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return feeds.length == 0;
    }

    /**
     * One named feed: its compiled ranges, the entries that parsed ({@code threatintel_feed_entries{feed}}), the
     * lines skipped as invalid, and the stored version it was built from (null: unknown, re-read every poll).
     */
    public record Feed(String name, IpRanges ranges, int entries, int invalid, String version) {
    }
}
