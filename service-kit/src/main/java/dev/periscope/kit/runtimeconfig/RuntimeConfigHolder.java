package dev.periscope.kit.runtimeconfig;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.config.RuntimeConfigResult;

/**
 * The last-good runtime configuration of this process. It starts with {@link RuntimeConfig#defaults()} and moves
 * only forward: a stored document replaces the active config when it is valid in full and its {@code version} is
 * higher. An invalid document or an unreachable store leaves the active config in place and is counted as a
 * failure until the next good read.
 * <p>
 * Readers call {@link #current()} (one volatile read) or {@link #subscribe} to be told of every swap. Writers
 * ({@link #offer}, {@link #recordFailure}) are the poller's single thread; they are synchronized anyway.
 */
public final class RuntimeConfigHolder {
    private static final Logger LOG = Logger.getLogger(RuntimeConfigHolder.class);

    /** What a read led to. */
    public enum Outcome {
        /** a newer valid version became active */
        APPLIED,
        /** valid, but not newer than the active version */
        NOT_NEWER,
        /** there is no stored document; the active config stays */
        NO_DOCUMENT,
        /** the document is invalid; the active config stays */
        INVALID,
        /** the store could not be read; the active config stays */
        UNREACHABLE
    }

    private final Clock clock;
    private final AtomicReference<RuntimeConfigStatus> status;
    private final List<Consumer<RuntimeConfig>> listeners = new CopyOnWriteArrayList<>();
    private long lastIgnoredVersion = -1;

    public RuntimeConfigHolder() {
        this(Clock.systemUTC());
    }

    public RuntimeConfigHolder(Clock clock) {
        this.clock = clock;
        this.status = new AtomicReference<>(new RuntimeConfigStatus(RuntimeConfig.defaults(),
                RuntimeConfigStatus.SOURCE_DEFAULTS, clock.instant(), null, 0, "", null, List.of()));
    }

    /** The active, validated config; never null. */
    public RuntimeConfig current() {
        return status.get().config();
    }

    public RuntimeConfigStatus status() {
        return status.get();
    }

    /**
     * Calls {@code listener} now with the active config and then on the swapping thread after every swap, in
     * order. A listener that throws is logged and does not stop the others or the swap.
     */
    public synchronized void subscribe(Consumer<RuntimeConfig> listener) {
        Objects.requireNonNull(listener);
        listeners.add(listener);
        notify(listener, current());
    }

    /** Offers the stored document as read ({@code null} when there is none). */
    public synchronized Outcome offer(Map<String, ?> document) {
        Instant now = clock.instant();
        RuntimeConfigStatus before = status.get();
        if (document == null) {
            status.set(good(before, before.config(), before.source(), before.appliedAt(), now,
                    before.warnings()));
            return Outcome.NO_DOCUMENT;
        }
        RuntimeConfigResult result = RuntimeConfigParser.parse(document);
        if (!result.valid()) {
            String error = "invalid document (version " + versionText(document.get("version")) + "): "
                    + result.errorSummary();
            fail(before, error, now);
            return Outcome.INVALID;
        }
        RuntimeConfig candidate = result.config().orElseThrow();
        if (candidate.version() <= before.config().version()) {
            if (candidate.version() < before.config().version() && candidate.version() != lastIgnoredVersion) {
                LOG.infof("runtime config version %d ignored: version %d is active and versions only move forward",
                        candidate.version(), before.config().version());
            }
            lastIgnoredVersion = candidate.version();
            status.set(good(before, before.config(), before.source(), before.appliedAt(), now, before.warnings()));
            return Outcome.NOT_NEWER;
        }
        status.set(good(before, candidate, RuntimeConfigStatus.SOURCE_MONGODB, now, now, result.warnings()));
        LOG.infof("runtime config version %d applied (was %d, updated by '%s')%s", candidate.version(),
                before.config().version(), candidate.updatedBy(),
                result.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", result.warnings()));
        for (Consumer<RuntimeConfig> listener : listeners) {
            notify(listener, candidate);
        }
        return Outcome.APPLIED;
    }

    /** The store could not be read; {@code reason} is one line. */
    public synchronized Outcome recordFailure(String reason) {
        fail(status.get(), reason, clock.instant());
        return Outcome.UNREACHABLE;
    }

    private void fail(RuntimeConfigStatus before, String error, Instant now) {
        if (!error.equals(before.lastError())) {
            LOG.warnf("runtime config not updated, version %d stays active: %s", before.config().version(), error);
        }
        status.set(new RuntimeConfigStatus(before.config(), before.source(), before.appliedAt(), now,
                before.consecutiveFailures() + 1, error, now, before.warnings()));
    }

    private static RuntimeConfigStatus good(RuntimeConfigStatus before, RuntimeConfig config, String source,
            Instant appliedAt, Instant now, List<String> warnings) {
        if (before.consecutiveFailures() > 0) {
            LOG.infof("runtime config read again after %d failed attempts", before.consecutiveFailures());
        }
        return new RuntimeConfigStatus(config, source, appliedAt, now, 0, "", null, warnings);
    }

    private static String versionText(Object version) {
        if (version instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(version);
    }

    private static void notify(Consumer<RuntimeConfig> listener, RuntimeConfig config) {
        try {
            listener.accept(config);
        } catch (RuntimeException e) {
            LOG.errorf(e, "runtime config listener %s failed on version %d", listener, config.version());
        }
    }
}
