package dev.periscope.enricher.enrich.geoip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The active GeoIP databases behind one atomic reference. {@link #install} swaps a kind in; the database it
 * replaces is retired, and closed (its file unmapped and deleted) by {@link #closeRetired()} only once the grace
 * period has passed, so a lookup that read the old reference just before the swap finishes on a mapped file.
 */
public final class GeoDatabaseHolder implements Supplier<GeoDatabases>, AutoCloseable {
    private final AtomicReference<GeoDatabases> current = new AtomicReference<>(GeoDatabases.NONE);
    private final Clock clock;
    private final Duration grace;
    private final List<Retired> retired = new ArrayList<>();

    private record Retired(ActiveDatabase database, Instant closeAfter) {
    }

    public GeoDatabaseHolder(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    @Override
    public GeoDatabases get() {
        return current.get();
    }

    public synchronized void install(ActiveDatabase database) {
        GeoDatabases before = current.get();
        current.set(before.with(database.kind(), database));
        ActiveDatabase replaced = before.get(database.kind());
        if (replaced != null) {
            retired.add(new Retired(replaced, clock.instant().plus(grace)));
        }
    }

    /** Closes retired databases whose grace period is over; returns how many. */
    public synchronized int closeRetired() {
        Instant now = clock.instant();
        int closed = 0;
        for (Iterator<Retired> it = retired.iterator(); it.hasNext();) {
            Retired entry = it.next();
            if (!now.isBefore(entry.closeAfter())) {
                entry.database().retire();
                it.remove();
                closed++;
            }
        }
        return closed;
    }

    public synchronized int retiredPending() {
        return retired.size();
    }

    /** Unmaps everything (shutdown); the cache files of the active databases stay for the next start. */
    @Override
    public synchronized void close() {
        for (Retired entry : retired) {
            entry.database().retire();
        }
        retired.clear();
        GeoDatabases active = current.getAndSet(GeoDatabases.NONE);
        for (GeoDatabaseKind kind : GeoDatabaseKind.values()) {
            ActiveDatabase database = active.get(kind);
            if (database != null) {
                try {
                    database.reader().close();
                } catch (java.io.IOException | RuntimeException e) {
                    // shutting down: nothing left to do with it
                }
            }
        }
    }
}
