package dev.periscope.inventory.domain;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.v1.AccessEvent;

/**
 * What one consumed batch adds to one {@code api_inventory} document, folded from the events of one inventory key
 * read from one source partition. One delta becomes one upsert, so a batch costs one write per endpoint instead of
 * one per event; the source partition and offsets are kept for the per-partition applied-offset fencing.
 * <p>
 * Pure and single-threaded: events arrive in offset order per partition.
 */
public final class InventoryDelta {
    /** How many recent event ids a document keeps ({@code sample_event_ids}). */
    public static final int SAMPLE_SIZE = 5;
    /** Request header whose values make up {@code origins} (present only when the header policy stores it). */
    public static final String ORIGIN_HEADER = "origin";
    /** Auth scheme recorded for a request without any auth-bearing header and no scheme from the enricher. */
    public static final String NO_AUTH_SCHEME = "none";
    /**
     * Flags, categories and schemes become field names ({@code flag_last_seen.<flag>}) or index keys: anything
     * outside this vocabulary is skipped and counted, never written.
     */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final int MAX_VALUE_LENGTH = 256;

    private final InventoryKey key;
    private final String id;
    private final int partition;
    private final InventoryLimits limits;
    private long firstOffset = Long.MAX_VALUE;
    private long lastOffset = -1;
    private long count;
    private long firstSeenMs = Long.MAX_VALUE;
    private long lastSeenMs = Long.MIN_VALUE;
    private boolean confirmed;
    private final SortedMap<String, Long> statusCounts = new TreeMap<>();
    private final Map<LatencyBucket, Long> latencyCounts = new EnumMap<>(LatencyBucket.class);
    private double latencyMaxMs = Double.NaN;
    private final Deque<String> sampleEventIds = new ArrayDeque<>(SAMPLE_SIZE);
    private final Map<String, Long> flagLastSeenMs = new LinkedHashMap<>();
    private int maxRiskScore;
    private int maxPostureScore;
    private final Set<String> endpointCategories = new LinkedHashSet<>();
    private final Set<String> piiCategories = new LinkedHashSet<>();
    private final Set<String> authSchemes = new LinkedHashSet<>();
    private long authObserved;
    private long noauthObserved;
    private long authLastSeenMs = Long.MIN_VALUE;
    private long noauthLastSeenMs = Long.MIN_VALUE;
    private final LinkedHashSet<String> consumers = new LinkedHashSet<>();
    private final Set<String> queryParams = new LinkedHashSet<>();
    private final Set<String> routes = new LinkedHashSet<>();
    private final Set<String> clusters = new LinkedHashSet<>();
    private final Set<String> contentTypes = new LinkedHashSet<>();
    private final Set<String> origins = new LinkedHashSet<>();
    private long skippedLabels;

    public InventoryDelta(InventoryKey key, int partition, InventoryLimits limits) {
        this.key = key;
        this.id = key.id();
        this.partition = partition;
        this.limits = limits;
    }

    /** A delta of a single event, e.g. for tests and tools; {@code partition}/{@code offset} -1 when unknown. */
    public static InventoryDelta of(AccessEvent event, int partition, long offset) {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), partition, InventoryLimits.DEFAULTS);
        delta.add(event, offset);
        return delta;
    }

    /** Folds one enriched event (of this delta's key) in. */
    public void add(AccessEvent event, long offset) {
        count++;
        if (offset >= 0) {
            firstOffset = Math.min(firstOffset, offset);
            lastOffset = Math.max(lastOffset, offset);
        }
        long ts = event.getTsMs();
        firstSeenMs = Math.min(firstSeenMs, ts);
        lastSeenMs = Math.max(lastSeenMs, ts);
        confirmed |= event.getConfirmed();
        statusCounts.merge(Integer.toString(event.getStatusCode()), 1L, Long::sum);
        addLatency(event.getDurationMs());
        if (!event.getEventId().isEmpty()) {
            if (sampleEventIds.size() == SAMPLE_SIZE) {
                sampleEventIds.removeFirst();
            }
            sampleEventIds.addLast(event.getEventId());
        }
        for (String flag : event.getRiskFlagsList()) {
            if (validLabel(flag)) {
                flagLastSeenMs.merge(flag, ts, Math::max);
            }
        }
        maxRiskScore = Math.max(maxRiskScore, event.getRiskScore());
        maxPostureScore = Math.max(maxPostureScore, event.getPostureScore());
        addLabels(endpointCategories, event.getEndpointCategoriesList());
        addLabels(piiCategories, event.getPiiCategoriesList());
        addLabels(authSchemes, event.getAuthSchemesList());
        if (event.getAuthObserved()) {
            authObserved++;
            authLastSeenMs = Math.max(authLastSeenMs, ts);
        } else {
            noauthObserved++;
            noauthLastSeenMs = Math.max(noauthLastSeenMs, ts);
            if (event.getAuthSchemesCount() == 0) {
                authSchemes.add(NO_AUTH_SCHEME);
            }
        }
        addConsumer(event.getConsumerHash());
        for (String name : event.getQueryParamNamesList()) {
            addBounded(queryParams, name, limits.queryParamsCap());
        }
        addBounded(routes, event.getRouteName(), limits.discoveredCap());
        addBounded(clusters, event.getUpstreamCluster(), limits.discoveredCap());
        addBounded(contentTypes, event.getContentType(), limits.discoveredCap());
        addBounded(origins, event.getHeadersOrDefault(ORIGIN_HEADER, ""), limits.discoveredCap());
    }

    private void addLatency(double durationMs) {
        LatencyBucket bucket = LatencyBucket.of(durationMs);
        if (bucket == null) {
            return;
        }
        latencyCounts.merge(bucket, 1L, Long::sum);
        if (Double.isNaN(latencyMaxMs) || durationMs > latencyMaxMs) {
            latencyMaxMs = durationMs;
        }
    }

    /** Most recently seen last; the least recent is evicted beyond the cap. */
    private void addConsumer(String hash) {
        if (hash.isEmpty() || hash.length() > MAX_VALUE_LENGTH) {
            return;
        }
        consumers.remove(hash);
        consumers.add(hash);
        if (consumers.size() > limits.consumersCap()) {
            Iterator<String> oldest = consumers.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private boolean validLabel(String label) {
        if (LABEL.matcher(label).matches()) {
            return true;
        }
        skippedLabels++;
        return false;
    }

    private void addLabels(Set<String> set, List<String> labels) {
        for (String label : labels) {
            if (validLabel(label)) {
                set.add(label);
            }
        }
    }

    private static void addBounded(Set<String> set, String value, int cap) {
        if (!value.isEmpty() && value.length() <= MAX_VALUE_LENGTH && set.size() < cap) {
            set.add(value);
        }
    }

    public InventoryKey key() {
        return key;
    }

    /** The document {@code _id}: {@link InventoryKey#id()}. */
    public String id() {
        return id;
    }

    public InventoryLimits limits() {
        return limits;
    }

    /** Source partition of the enriched topic, or -1 when unknown. */
    public int partition() {
        return partition;
    }

    /** Lowest source offset folded in, or -1 when none is known. */
    public long firstOffset() {
        return lastOffset < 0 ? -1 : firstOffset;
    }

    /** Highest source offset folded in, or -1 when none is known. */
    public long lastOffset() {
        return lastOffset;
    }

    public long count() {
        return count;
    }

    public long firstSeenMs() {
        return firstSeenMs;
    }

    public long lastSeenMs() {
        return lastSeenMs;
    }

    /** True when any folded event was confirmed (route-matched, not a probe); the document flag is sticky. */
    public boolean confirmed() {
        return confirmed;
    }

    public Map<String, Long> statusCounts() {
        return Collections.unmodifiableSortedMap(statusCounts);
    }

    /** Count per bucket; a bucket no event fell into is 0. */
    public long latencyCount(LatencyBucket bucket) {
        return latencyCounts.getOrDefault(bucket, 0L);
    }

    /** Slowest folded duration, or NaN when no event had a valid duration. */
    public double latencyMaxMs() {
        return latencyMaxMs;
    }

    /** Oldest first, at most {@link #SAMPLE_SIZE}. */
    public List<String> sampleEventIds() {
        return List.copyOf(sampleEventIds);
    }

    /** Every valid risk flag with the latest timestamp it was seen at, in first-seen order. */
    public Map<String, Long> flagLastSeenMs() {
        return Collections.unmodifiableMap(flagLastSeenMs);
    }

    public int maxRiskScore() {
        return maxRiskScore;
    }

    public int maxPostureScore() {
        return maxPostureScore;
    }

    public Set<String> endpointCategories() {
        return Collections.unmodifiableSet(endpointCategories);
    }

    public Set<String> piiCategories() {
        return Collections.unmodifiableSet(piiCategories);
    }

    public Set<String> authSchemes() {
        return Collections.unmodifiableSet(authSchemes);
    }

    /** Events that carried an auth-bearing header. */
    public long authObserved() {
        return authObserved;
    }

    /** Events without any auth-bearing header. */
    public long noauthObserved() {
        return noauthObserved;
    }

    /** Latest timestamp of an authenticated event, or {@link Long#MIN_VALUE} when none. */
    public long authLastSeenMs() {
        return authLastSeenMs;
    }

    /** Latest timestamp of an anonymous event, or {@link Long#MIN_VALUE} when none. */
    public long noauthLastSeenMs() {
        return noauthLastSeenMs;
    }

    /** Distinct consumer hashes, least recently seen first, at most {@code consumersCap}. */
    public List<String> consumers() {
        return List.copyOf(consumers);
    }

    public Set<String> queryParams() {
        return Collections.unmodifiableSet(queryParams);
    }

    public Set<String> routes() {
        return Collections.unmodifiableSet(routes);
    }

    public Set<String> clusters() {
        return Collections.unmodifiableSet(clusters);
    }

    public Set<String> contentTypes() {
        return Collections.unmodifiableSet(contentTypes);
    }

    public Set<String> origins() {
        return Collections.unmodifiableSet(origins);
    }

    /** Flags, categories or schemes skipped because they are not a plain label (letters, digits, _ and -). */
    public long skippedLabels() {
        return skippedLabels;
    }
}
