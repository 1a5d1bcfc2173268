package dev.periscope.enricher.enrich.threatintel;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * {@code periscope_threatintel_feed_entries{feed}} and {@code periscope_threatintel_feed_invalid{feed}}, rewritten
 * at every feed swap (a removed feed's series disappears).
 */
public final class FeedGauges {
    public static final String ENTRIES = "periscope.threatintel.feed.entries";
    public static final String INVALID = "periscope.threatintel.feed.invalid";

    private FeedGauges() {
    }

    public static void register(MeterRegistry registry, ThreatIntelSync sync) {
        MultiGauge entries = MultiGauge.builder(ENTRIES).description("entries of each active threat-intel feed")
                .register(registry);
        MultiGauge invalid = MultiGauge.builder(INVALID)
                .description("lines of each active threat-intel feed skipped as invalid").register(registry);
        sync.onSwap(feeds -> {
            entries.register(rows(feeds, false), true);
            invalid.register(rows(feeds, true), true);
        });
    }

    private static List<MultiGauge.Row<?>> rows(ThreatIntelFeeds feeds, boolean invalidLines) {
        return feeds.feeds().stream().<MultiGauge.Row<?>>map(feed -> MultiGauge.Row.of(Tags.of("feed", feed.name()),
                invalidLines ? feed.invalid() : feed.entries())).toList();
    }
}
