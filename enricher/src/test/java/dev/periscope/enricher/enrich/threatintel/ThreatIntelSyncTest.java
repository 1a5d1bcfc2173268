package dev.periscope.enricher.enrich.threatintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds.Feed;
import dev.periscope.model.config.CidrBlock;

/** Polling, change detection and hot swap over an in-memory store. */
class ThreatIntelSyncTest {
    private final MemoryFeeds store = new MemoryFeeds();
    private final ThreatIntelSync sync = new ThreatIntelSync(store);

    @Test
    void firstPollCompilesEveryFeed() {
        store.put("tor", "v1", "198.51.100.0/24\n# comment\nbogus");
        store.put("abuse", "v1", List.of("203.0.113.5"));

        sync.syncNow();

        assertThat(sync.get().feeds()).extracting(Feed::name).containsExactly("abuse", "tor");
        assertThat(sync.get().feed("tor").entries()).isEqualTo(1);
        assertThat(sync.get().feed("tor").invalid()).isEqualTo(1);
        assertThat(sync.get().matchingFeeds(CidrBlock.parseAddress("198.51.100.1"))).isEqualTo("tor");
    }

    @Test
    void onlyChangedFeedsAreReadAgainAndTheSwapIsWhole() {
        store.put("tor", "v1", "198.51.100.0/24");
        store.put("abuse", "v1", "203.0.113.5");
        sync.syncNow();
        ThreatIntelFeeds first = sync.get();
        Feed tor = first.feed("tor");

        sync.syncNow();
        assertThat(sync.get()).isSameAs(first); // nothing changed: no new object
        assertThat(store.reads).containsExactlyInAnyOrder("tor", "abuse");

        store.put("abuse", "v2", "203.0.113.6");
        sync.syncNow();

        assertThat(store.reads).containsExactlyInAnyOrder("tor", "abuse", "abuse");
        assertThat(sync.get()).isNotSameAs(first);
        assertThat(sync.get().feed("tor")).isSameAs(tor);
        assertThat(sync.get().matchingFeeds(CidrBlock.parseAddress("203.0.113.5"))).isNull();
        assertThat(sync.get().matchingFeeds(CidrBlock.parseAddress("203.0.113.6"))).isEqualTo("abuse");
        // the old object still answers as before for a lookup that holds it
        assertThat(first.matchingFeeds(CidrBlock.parseAddress("203.0.113.5"))).isEqualTo("abuse");
    }

    @Test
    void aFeedWithoutVersionIsReadEveryPoll() {
        store.put("manual", null, "192.0.2.1");
        sync.syncNow();
        sync.syncNow();

        assertThat(store.reads).containsExactly("manual", "manual");
    }

    @Test
    void deletedFeedsDisappear() {
        store.put("tor", "v1", "198.51.100.0/24");
        store.put("abuse", "v1", "203.0.113.5");
        sync.syncNow();

        store.remove("tor");
        sync.syncNow();

        assertThat(sync.get().feeds()).extracting(Feed::name).containsExactly("abuse");
    }

    @Test
    void storeFailuresKeepTheLastGoodFeeds() {
        store.put("tor", "v1", "198.51.100.0/24");
        sync.syncNow();
        ThreatIntelFeeds good = sync.get();

        store.failing = true;
        sync.syncNow();
        store.failing = false;
        store.failEntries = true;
        store.put("tor", "v2", "192.0.2.0/24");
        sync.syncNow();

        assertThat(sync.syncFailures()).isEqualTo(2);
        assertThat(sync.get().feed("tor")).isSameAs(good.feed("tor"));

        store.failEntries = false;
        sync.syncNow();
        assertThat(sync.get().feed("tor").version()).isEqualTo("v2");
    }

    @Test
    void badNamesAreSkippedAndCounted() {
        store.put("good-feed", "v1", "192.0.2.1");
        store.put("bad name, with spaces", "v1", "192.0.2.2");
        store.put("x".repeat(65), "v1", "192.0.2.3");

        sync.syncNow();

        assertThat(sync.get().feeds()).extracting(Feed::name).containsExactly("good-feed");
        assertThat(sync.feedsSkipped()).isEqualTo(2);
    }

    @Test
    void atMostMaxFeedsAreUsed() {
        for (int i = 0; i < ThreatIntelSync.MAX_FEEDS + 3; i++) {
            store.put(String.format("feed%03d", i), "v1", "192.0.2." + i);
        }

        sync.syncNow();

        assertThat(sync.get().feeds()).hasSize(ThreatIntelSync.MAX_FEEDS);
        assertThat(sync.feedsSkipped()).isEqualTo(3);
    }

    @Test
    void listenersSeeEverySwap() {
        List<Integer> sizes = new ArrayList<>();
        sync.onSwap(feeds -> sizes.add(feeds.feeds().size()));
        store.put("tor", "v1", "198.51.100.0/24");
        sync.syncNow();
        sync.syncNow();
        store.remove("tor");
        sync.syncNow();

        assertThat(sizes).containsExactly(0, 1, 0);
    }

    private static final class MemoryFeeds implements ThreatIntelFeedSource {
        private final Map<String, String> versions = new HashMap<>();
        private final Map<String, Object> entries = new HashMap<>();
        final List<String> reads = new ArrayList<>();
        boolean failing;
        boolean failEntries;

        void put(String name, String version, Object feedEntries) {
            versions.put(name, version);
            entries.put(name, feedEntries);
        }

        void remove(String name) {
            versions.remove(name);
            entries.remove(name);
        }

        @Override
        public Map<String, String> versions() {
            if (failing) {
                throw new IllegalStateException("store down");
            }
            return new HashMap<>(versions);
        }

        @Override
        public List<Object> entries(String feed) {
            if (failEntries) {
                throw new IllegalStateException("read failed");
            }
            reads.add(feed);
            return List.of(entries.get(feed));
        }
    }
}
