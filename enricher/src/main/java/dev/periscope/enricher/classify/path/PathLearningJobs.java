package dev.periscope.enricher.classify.path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.periscope.kit.schedule.BackgroundJobs;

/**
 * The background side of path learning, on one daemon thread: flushes learned-shape observations and gap reports
 * every {@code flushInterval}, reloads the shared shapes every {@code reloadInterval} (the first reload right at
 * start), forgets expired gap windows. Store failures are counted and logged once per outage; unsaved work is
 * kept (bounded) for the next run. {@link #close()} stops the thread and flushes one last time.
 */
public final class PathLearningJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PathLearningJobs.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final LearnedPathShapes shapes;
    private final NormalizeGapDetector gaps;
    private final NormalizeGapStore gapStore;
    private final AtomicLong flushFailures = new AtomicLong();
    private final AtomicLong reloadFailures = new AtomicLong();
    private final AtomicLong gapsWritten = new AtomicLong();
    private final AtomicLong gapsDropped = new AtomicLong();
    private final List<NormalizeGap> unsavedGaps = new ArrayList<>();
    private final BackgroundJobs jobs = new BackgroundJobs("path-learning", false, CLOSE_WAIT);
    private boolean storeFailing;

    public PathLearningJobs(LearnedPathShapes shapes, NormalizeGapDetector gaps, NormalizeGapStore gapStore) {
        this.shapes = shapes;
        this.gaps = gaps;
        this.gapStore = gapStore;
    }

    public synchronized void start(Duration flushInterval, Duration reloadInterval) {
        if (jobs.started()) {
            return;
        }
        jobs.schedule(this::reloadNow, Duration.ZERO, reloadInterval);
        jobs.schedule(this::flushNow, flushInterval, flushInterval);
        LOG.infof("path learning: flushing every %s, reloading every %s", flushInterval, reloadInterval);
    }

    /** Writes pending shapes and gap reports; never throws. */
    public synchronized void flushNow() {
        boolean ok = true;
        try {
            shapes.flush();
        } catch (RuntimeException e) {
            ok = false;
            flushFailures.incrementAndGet();
            failing("flush of learned path shapes", e);
        }
        try {
            gaps.expire();
            unsavedGaps.addAll(gaps.drain());
            if (!unsavedGaps.isEmpty()) {
                gapStore.save(List.copyOf(unsavedGaps));
                gapsWritten.addAndGet(unsavedGaps.size());
                unsavedGaps.clear();
            }
        } catch (RuntimeException e) {
            ok = false;
            flushFailures.incrementAndGet();
            int excess = unsavedGaps.size() - NormalizeGapDetector.MAX_QUEUED;
            if (excess > 0) {
                unsavedGaps.subList(0, excess).clear();
                gapsDropped.addAndGet(excess);
            }
            failing("write of normalization gaps", e);
        }
        if (ok) {
            recovered();
        }
    }

    /** Merges what other replicas learned; never throws. */
    public synchronized void reloadNow() {
        try {
            shapes.reload();
            recovered();
        } catch (RuntimeException e) {
            reloadFailures.incrementAndGet();
            failing("reload of learned path shapes", e);
        }
    }

    @Override
    public void close() {
        jobs.close();
        flushNow();
    }

    public long flushFailures() {
        return flushFailures.get();
    }

    public long reloadFailures() {
        return reloadFailures.get();
    }

    public long gapsWritten() {
        return gapsWritten.get();
    }

    /** Gap reports given up after the store stayed down while more than the queue bound piled up. */
    public long gapsDropped() {
        return gapsDropped.get() + gaps.dropped();
    }

    private void failing(String what, RuntimeException e) {
        if (!storeFailing) {
            storeFailing = true;
            LOG.warnf("path learning: %s failed (%s); retrying on the next run, the hot path is unaffected", what,
                    e.toString());
        }
    }

    private void recovered() {
        if (storeFailing) {
            storeFailing = false;
            LOG.info("path learning: store reachable again");
        }
    }
}
