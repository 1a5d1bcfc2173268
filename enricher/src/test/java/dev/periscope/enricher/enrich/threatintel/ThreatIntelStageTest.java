package dev.periscope.enricher.enrich.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.enrich.EnrichmentBudget;
import dev.periscope.enricher.enrich.EnrichmentCounters;
import dev.periscope.enricher.enrich.EnrichmentMetrics;
import dev.periscope.enricher.enrich.EnrichmentMetrics.FailureReason;
import dev.periscope.enricher.enrich.TestSupport;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds.Feed;

class ThreatIntelStageTest {
    private static final ThreatIntelFeeds FEEDS = new ThreatIntelFeeds(List.of(
            feed("tor_exits", "198.51.100.0/24\n2001:db8:dead::/48"),
            feed("abuse_ch", "198.51.100.7\n203.0.113.0/24"),
            feed("blocklist_de", "192.0.2.1")));

    static Feed feed(String name, String entries) {
        FeedParser.ParsedFeed parsed = FeedParser.parse(entries);
        return new Feed(name, parsed.ranges(), parsed.entries(), parsed.invalid(), "v1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "198.51.100.7|abuse_ch,tor_exits", // two feeds, name order
            "198.51.100.8|tor_exits",
            "203.0.113.250|abuse_ch",
            "192.0.2.1|blocklist_de",
            "2001:db8:dead:1::5|tor_exits",
            "::ffff:203.0.113.1|abuse_ch"})
    void hitTagsAndFlags(String sourceIp, String sources) {
        EventDraft draft = TestSupport.run(sourceIp, stage(TestSupport.frozenBudget(), new EnrichmentCounters()));

        assertThat(draft.build().getTagsMap()).isEqualTo(Map.of("ti.hit", "true", "ti.source", sources));
        assertThat(draft.flags()).containsExactly("threat_intel_hit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.2", "2001:db8:beef::1", "10.0.0.1", "''", "not-an-ip"})
    void missesLeaveTheEventAlone(String sourceIp) {
        EnrichmentCounters counters = new EnrichmentCounters();
        EventDraft draft = TestSupport.run(sourceIp, stage(TestSupport.frozenBudget(), counters));

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(draft.flags()).isEmpty();
        assertThat(counters.timed(EnrichmentMetrics.THREAT_INTEL)).isEqualTo(1);
    }

    @Test
    void aLookupPastTheBudgetIsDiscardedAndCounted() {
        EnrichmentCounters counters = new EnrichmentCounters();
        EnrichmentBudget slow = new EnrichmentBudget(TestSupport.BUDGET, new TestSupport.Ticker(Duration.ofMillis(60)));

        EventDraft draft = TestSupport.run("198.51.100.7", stage(slow, counters));

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(draft.flags()).isEmpty();
        assertThat(counters.failures(EnrichmentMetrics.THREAT_INTEL, FailureReason.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aFailingLookupIsSkippedAndCounted() {
        EnrichmentCounters counters = new EnrichmentCounters();
        ThreatIntelStage stage = new ThreatIntelStage(() -> {
            throw new IllegalStateException("boom");
        }, TestSupport.frozenBudget(), counters);

        EventDraft draft = TestSupport.run("198.51.100.7", stage);

        assertThat(draft.build().getTagsMap()).isEmpty();
        assertThat(counters.failures(EnrichmentMetrics.THREAT_INTEL, FailureReason.ERROR)).isEqualTo(1);
    }

    @Test
    void noFeedsNoTags() {
        ThreatIntelStage stage = new ThreatIntelStage(() -> ThreatIntelFeeds.NONE, TestSupport.frozenBudget(),
                new EnrichmentCounters());

        assertThat(TestSupport.run("198.51.100.7", stage).build().getTagsMap()).isEmpty();
    }

    private static ThreatIntelStage stage(EnrichmentBudget budget, EnrichmentCounters counters) {
        return new ThreatIntelStage(() -> FEEDS, budget, counters);
    }
}
