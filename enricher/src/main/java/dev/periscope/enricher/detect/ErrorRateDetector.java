package dev.periscope.enricher.detect;

import dev.periscope.enricher.detect.baseline.ErrorRate;
import dev.periscope.model.config.BehaviorSettings;

/**
 * {@code behavior} error rate: per endpoint, a fast and a slow average of client rejections (4xx except 401/429 —
 * Generation 2; 5xx do not count). A spike is fast ≥ {@code error_rate_min_rate} and fast ≥
 * {@code error_rate_multiplier} × slow, once the endpoint has {@code warmup} samples; from the
 * {@code error_rate_consecutive}-th spiking event in a row on, events are flagged {@code error_rate_spike} — except
 * within the start-up suppression (skip {@code startup}).
 */
public final class ErrorRateDetector implements Detector {
    public static final String NAME = "error_rate";

    private final BehaviorSettings settings;
    private final KeyedState<ErrorRate> baselines;
    private final StartupSuppression startup;
    private final SkipListener skips;

    public ErrorRateDetector(BehaviorSettings settings, KeyedState<ErrorRate> baselines, StartupSuppression startup,
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
        boolean error = event.isClientRejection();
        boolean flag = baselines.apply(event.endpointKey(), ErrorRate::new, rate -> {
            rate.add(error, settings.errorRateFastAlpha(), settings.errorRateSlowAlpha());
            boolean spike = rate.count() >= settings.warmup() && rate.fast() >= settings.errorRateMinRate()
                    && rate.fast() >= settings.errorRateMultiplier() * rate.slow();
            if (!spike) {
                rate.miss();
                return false;
            }
            return rate.hit() >= settings.errorRateConsecutive();
        });
        if (flag) {
            startup.flagUnlessSuppressed(event, DetectorFlags.ERROR_RATE_SPIKE, settings.startupSuppressSeconds(), NAME, skips);
        }
    }
}
