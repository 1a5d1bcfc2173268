package dev.periscope.enricher.enrich.threatintel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.periscope.enricher.enrich.threatintel.FeedParser.ParsedFeed;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds.Feed;
import dev.periscope.kit.schedule.BackgroundJobs;

/**
 * Polls the feed store and hot-swaps the compiled {@link ThreatIntelFeeds} with one atomic write. Only feeds whose
 * version changed are read and compiled again; the others keep their compiled ranges. A feed that cannot be read
 * keeps its last-good version; a deleted feed disappears. Feed names must match {@code [A-Za-z0-9_.:-]{1,64}}
 * (they become tag values and metric labels) and at most {@link #MAX_FEEDS} are used (in name order); others are
 * skipped and logged once. Nothing here touches detector state: only the feeds object is replaced.
 */
public final class ThreatIntelSync implements Supplier<ThreatIntelFeeds>, AutoCloseable {
    public static final int MAX_FEEDS = 64;
    private static final Logger LOG = Logger.getLogger(ThreatIntelSync.class);
    private static final Pattern FEED_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final ThreatIntelFeedSource source;
    private final AtomicReference<ThreatIntelFeeds> current = new AtomicReference<>(ThreatIntelFeeds.NONE);
    private final AtomicLong syncFailures = new AtomicLong();
    private final AtomicLong feedsSkipped = new AtomicLong();
    private final Set<String> skippedLogged = new HashSet<>();
    private final List<Consumer<ThreatIntelFeeds>> listeners = new ArrayList<>();
    private boolean sourceFailing;
    private final BackgroundJobs jobs = new BackgroundJobs("threat-intel-sync", true, Duration.ofSeconds(10));

    public ThreatIntelSync(ThreatIntelFeedSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public ThreatIntelFeeds get() {
        return current.get();
    }

    /** Told about every swapped-in feed set (metrics); called on the sync thread. */
    public synchronized void onSwap(Consumer<ThreatIntelFeeds> listener) {
        listeners.add(listener);
        listener.accept(current.get());
    }

    /** One poll; never throws. */
    public synchronized void syncNow() {
        Map<String, String> versions;
        try {
            versions = new TreeMap<>(source.versions());
        } catch (RuntimeException e) {
            failing(e);
            return;
        }
        ThreatIntelFeeds before = current.get();
        List<Feed> next = new ArrayList<>();
        boolean changed = false;
        boolean readFailed = false;
        for (Map.Entry<String, String> stored : versions.entrySet()) {
            String name = stored.getKey();
            if (!FEED_NAME.matcher(name).matches() || next.size() == MAX_FEEDS) {
                skip(name, !FEED_NAME.matcher(name).matches() ? "its name is not [A-Za-z0-9_.:-]{1,64}"
                        : "more than " + MAX_FEEDS + " feeds");
                changed |= before.feed(name) != null;
                continue;
            }
            Feed old = before.feed(name);
            String version = stored.getValue();
            if (old != null && version != null && version.equals(old.version())) {
                next.add(old);
                continue;
            }
            try {
                ParsedFeed parsed = FeedParser.parseParts(source.entries(name));
                next.add(new Feed(name, parsed.ranges(), parsed.entries(), parsed.invalid(), version));
                changed = true;
                LOG.infof("threat intel: feed %s loaded: %d entries (%d IPv4 / %d IPv6 ranges), %d invalid lines "
                        + "skipped", name, parsed.entries(), parsed.ranges().ipv4Ranges(),
                        parsed.ranges().ipv6Ranges(), parsed.invalid());
            } catch (RuntimeException e) {
                readFailed = true;
                failing(e);
                if (old != null) {
                    next.add(old);
                }
            }
        }
        for (Feed old : before.feeds()) {
            if (!versions.containsKey(old.name())) {
                changed = true;
                LOG.infof("threat intel: feed %s removed", old.name());
            }
        }
        if (changed) {
            ThreatIntelFeeds swapped = new ThreatIntelFeeds(next);
            current.set(swapped);
            listeners.forEach(listener -> listener.accept(swapped));
        }
        if (!readFailed) {
            recovered();
        }
    }

    public synchronized void start(Duration pollInterval) {
        if (jobs.started()) {
            return;
        }
        jobs.schedule(this::syncNow, Duration.ZERO, pollInterval);
        LOG.infof("threat intel: polling feeds every %s", pollInterval);
    }

    @Override
    public void close() {
        jobs.close();
    }

    public long syncFailures() {
        return syncFailures.get();
    }

    /** Feeds ignored at some poll (bad name, over the cap). */
    public long feedsSkipped() {
        return feedsSkipped.get();
    }

    private void skip(String name, String why) {
        feedsSkipped.incrementAndGet();
        if (skippedLogged.add(name)) {
            LOG.warnf("threat intel: feed '%s' ignored: %s", name, why);
        }
    }

    private void failing(RuntimeException e) {
        syncFailures.incrementAndGet();
        if (!sourceFailing) {
            sourceFailing = true;
            LOG.warnf("threat intel: reading feeds failed (%s); keeping the last-good feeds, retrying next poll",
                    e.toString());
        }
    }

    private void recovered() {
        if (sourceFailing) {
            sourceFailing = false;
            LOG.info("threat intel: feed store readable again");
        }
    }
}
