package dev.periscope.enricher.classify.path;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.periscope.model.config.PathNormalization;

/**
 * The learned-templating state of one enricher process: the in-memory view the hot path reads and writes
 * (lock-free lookups, a short per-position lock on observation, never a store call), plus the batched
 * {@link #flush()} and periodic {@link #reload()} that share it with the other replicas through a
 * {@link PathShapeStore}. Lives for the whole process: a new {@code PathStage} per runtime-config version is handed
 * the same instance, so nothing learned is lost on a reload.
 * <p>
 * Bounded: at most {@code maxPositions} positions (beyond that an arbitrary position, preferably one with nothing
 * left to flush, is evicted and counted) and at most {@link PathNormalization#MAX_LEARN_CAP} hashes per position.
 * A position stops collecting once learned, so a typical one holds {@code path_learn_min_distinct} hashes.
 */
public final class LearnedPathShapes {
    public static final int DEFAULT_MAX_POSITIONS = 100_000;
    /** Reloads overlap the previous one by this much, so replicas' clock skew cannot hide a change. */
    public static final Duration RELOAD_OVERLAP = Duration.ofMinutes(2);
    static final int MAX_HASHES_PER_POSITION = PathNormalization.MAX_LEARN_CAP;
    static final int FLUSH_BATCH = 500;
    private static final int EVICTION_PROBE = 32;

    private static final class Tracked {
        final PathPosition position;
        final Set<String> hashes = new HashSet<>();
        final Set<String> pending = new HashSet<>();
        volatile int distinct;

        Tracked(PathPosition position) {
            this.position = position;
        }
    }

    private final PathShapeStore store;
    private final Clock clock;
    private final int maxPositions;
    private final Map<String, Tracked> positions = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong observations = new AtomicLong();
    private volatile Instant lastReload;

    public LearnedPathShapes(PathShapeStore store, Clock clock, int maxPositions) {
        if (maxPositions < 1) {
            throw new IllegalArgumentException("maxPositions must be positive: " + maxPositions);
        }
        this.store = store;
        this.clock = clock;
        this.maxPositions = maxPositions;
    }

    /** Hot path: whether the position has seen at least {@code minDistinct} distinct candidate values. */
    public boolean isLearned(String positionId, int minDistinct) {
        Tracked tracked = positions.get(positionId);
        return tracked != null && tracked.distinct >= minDistinct;
    }

    /**
     * Hot path: remembers a short hash of {@code value} at the position (up to {@code cap} hashes) for the next
     * flush. Never touches the store.
     */
    public void observe(PathPosition position, String positionId, String value, int cap) {
        Tracked tracked = trackedFor(positionId, position);
        String hash = Hashing.valueHash(value);
        int limit = Math.min(cap, MAX_HASHES_PER_POSITION);
        synchronized (tracked) {
            if (tracked.hashes.size() < limit && tracked.hashes.add(hash)) {
                tracked.pending.add(hash);
                tracked.distinct = tracked.hashes.size();
                dirty.add(positionId);
                observations.incrementAndGet();
            }
        }
    }

    /**
     * Writes the hashes observed since the last flush, in batches of {@value #FLUSH_BATCH} positions. On a store
     * failure the unwritten hashes go back to pending and the exception propagates (the caller counts it).
     *
     * @return positions written
     */
    public int flush() {
        List<PathShape> batch = new ArrayList<>();
        int written = 0;
        for (Iterator<String> it = dirty.iterator(); it.hasNext();) {
            String id = it.next();
            it.remove();
            Tracked tracked = positions.get(id);
            if (tracked == null) {
                continue;
            }
            synchronized (tracked) {
                if (tracked.pending.isEmpty()) {
                    continue;
                }
                batch.add(new PathShape(id, tracked.position, tracked.pending));
                tracked.pending.clear();
            }
            if (batch.size() == FLUSH_BATCH) {
                written += write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            written += write(batch);
        }
        return written;
    }

    /**
     * Merges what every replica stored since the previous reload (all of it the first time) into the view.
     *
     * @return positions read
     */
    public int reload() {
        Instant now = clock.instant();
        Instant since = lastReload == null ? Instant.EPOCH : lastReload.minus(RELOAD_OVERLAP);
        List<PathShape> shapes = store.loadChangedSince(since);
        for (PathShape shape : shapes) {
            Tracked tracked = trackedFor(shape.positionId(), shape.position());
            synchronized (tracked) {
                for (String hash : shape.valueHashes()) {
                    if (tracked.hashes.size() >= MAX_HASHES_PER_POSITION) {
                        break;
                    }
                    tracked.hashes.add(hash);
                }
                tracked.distinct = tracked.hashes.size();
            }
        }
        lastReload = now;
        return shapes.size();
    }

    public int positions() {
        return positions.size();
    }

    /** Positions with hashes not yet flushed. */
    public int pendingPositions() {
        return dirty.size();
    }

    public long evictions() {
        return evictions.get();
    }

    /** New distinct values remembered (each is flushed once). */
    public long observations() {
        return observations.get();
    }

    private int write(List<PathShape> batch) {
        try {
            store.save(batch);
            return batch.size();
        } catch (RuntimeException e) {
            for (PathShape shape : batch) {
                Tracked tracked = positions.get(shape.positionId());
                if (tracked != null) {
                    synchronized (tracked) {
                        tracked.pending.addAll(shape.valueHashes());
                    }
                    dirty.add(shape.positionId());
                }
            }
            throw e;
        }
    }

    private Tracked trackedFor(String positionId, PathPosition position) {
        Tracked tracked = positions.get(positionId);
        if (tracked != null) {
            return tracked;
        }
        if (positions.size() >= maxPositions) {
            evictOne();
        }
        return positions.computeIfAbsent(positionId, id -> new Tracked(position));
    }

    /** Drops one position, preferring one with nothing left to flush among the first few the map yields. */
    private void evictOne() {
        String victim = null;
        int probed = 0;
        for (String id : positions.keySet()) {
            if (victim == null) {
                victim = id;
            }
            if (!dirty.contains(id)) {
                victim = id;
                break;
            }
            if (++probed == EVICTION_PROBE) {
                break;
            }
        }
        if (victim != null && positions.remove(victim) != null) {
            dirty.remove(victim);
            evictions.incrementAndGet();
        }
    }
}
