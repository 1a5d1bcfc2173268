package dev.periscope.enricher.detect;

import dev.periscope.enricher.detect.baseline.RunningStats;
import dev.periscope.model.config.BehaviorSettings;

/**
 * {@code behavior} latency: per endpoint, the mean and deviation of {@code duration_ms}. A call is slow when the
 * endpoint has {@code warmup} samples, it took at least {@code latency_min_ms} and more than mean +
 * {@code latency_sigma} deviations; after {@code latency_consecutive} slow calls in a row each further one is flagged
 * {@code latency_anomaly} — except within the start-up suppression (counted as skip {@code startup}). Slow calls
 * are not learned.
 */
public final class LatencyDetector implements Detector {
    public static final String NAME = "latency";

    private final BehaviorSettings settings;
    private final KeyedState<RunningStats> baselines;
    private final StartupSuppression startup;
    private final SkipListener skips;

    public LatencyDetector(BehaviorSettings settings, KeyedState<RunningStats> baselines, StartupSuppression startup,
            SkipListener skips) {
        this.settings = settings;
        this.baselines = baselines;
        this.startup = startup;
        this.skips = skips;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(DetectorEvent event) {
        double millis = event.raw().getDurationMs();
        if (!Double.isFinite(millis) || millis < 0) {
            return;
        }
        boolean flag = baselines.apply(event.endpointKey(), RunningStats::new, stats -> {
            boolean slow = stats.count() >= settings.warmup() && millis >= settings.latencyMinMs()
                    && millis > stats.mean() + settings.latencySigma() * stats.stddev();
            if (!slow) {
                stats.miss();
                stats.add(millis);
                return false;
            }
            return stats.hit() >= settings.latencyConsecutive();
        });
        if (flag) {
            startup.flagUnlessSuppressed(event, DetectorFlags.LATENCY_ANOMALY, settings.startupSuppressSeconds(), NAME, skips);
        }
    }
}
