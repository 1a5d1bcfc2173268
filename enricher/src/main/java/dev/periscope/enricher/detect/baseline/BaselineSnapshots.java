package dev.periscope.enricher.detect.baseline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.periscope.kit.schedule.BackgroundJobs;

/**
 * Persists this instance's baselines every {@code BASELINE_SNAPSHOT_INTERVAL} and once more at shutdown, and puts
 * them back at start-up. A failed snapshot is counted and logged once per outage; the next one writes everything
 * again (snapshots are whole, not incremental). The hot path never waits for the store.
 */
public final class BaselineSnapshots implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BaselineSnapshots.class);

    private final Baselines baselines;
    private final BaselineRepository repository;
    private final String instance;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean failing;
    private final BackgroundJobs jobs = new BackgroundJobs("detector-baseline-snapshots", false,
            Duration.ofSeconds(10));

    public BaselineSnapshots(Baselines baselines, BaselineRepository repository, String instance) {
        this.baselines = baselines;
        this.repository = repository;
        this.instance = instance;
    }

    /** Loads what this instance stored; a store that cannot be read leaves the baselines empty (logged). */
    public int restore() {
        try {
            int restored = baselines.restore(repository.load(instance));
            LOG.infof("restored %d detector baselines of instance %s", restored, instance);
            return restored;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warnf("could not restore detector baselines of instance %s (%s); learning from scratch", instance,
                    e.toString());
            return 0;
        }
    }

    /** Writes every baseline now; returns how many, or -1 when the store failed. */
    public int snapshot() {
        try {
            List<BaselineRecord> records = baselines.export();
            repository.save(instance, records);
            written.addAndGet(records.size());
            if (failing) {
                failing = false;
                LOG.infof("detector baselines persist again");
            }
            return records.size();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            if (!failing) {
                failing = true;
                LOG.warnf("detector baseline snapshot failed (%s); retrying at the next interval", e.toString());
            }
            return -1;
        }
    }

    /** Snapshots every {@code interval}; zero or negative disables persistence (nothing is scheduled). */
    public synchronized void start(Duration interval) {
        if (interval.isZero() || interval.isNegative() || jobs.started()) {
            return;
        }
        jobs.schedule(this::snapshot, interval, interval);
    }

    /** Stops the schedule and writes a last snapshot (when a schedule was running). */
    @Override
    public void close() {
        if (!jobs.started()) {
            return;
        }
        jobs.close();
        snapshot();
    }

    public long failures() {
        return failures.get();
    }

    public long written() {
        return written.get();
    }
}
