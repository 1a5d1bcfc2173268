package dev.periscope.enricher.detect;

import dev.periscope.model.config.WindowSettings;

/**
 * {@code path_scan}: distinct templated paths answered 404 or 405, per consumer, else per source address +
 * user-agent (trusted proxies skipped). From the {@code threshold}-th distinct path within the window on, the key's
 * 404/405 events are flagged {@code path_scan_suspect}. Templated paths, so walking ids is not a scan (that is
 * {@code bola}).
 */
public final class PathScanDetector implements Detector {
    public static final String NAME = "path_scan";

    private final WindowSettings settings;
    private final KeyedState<DistinctWindow> state;
    private final SkipListener skips;

    public PathScanDetector(WindowSettings settings, KeyedState<DistinctWindow> state, SkipListener skips) {
        this.settings = settings;
        this.state = state;
        this.skips = skips;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(DetectorEvent event) {
        if (event.status() != 404 && event.status() != 405) {
            return;
        }
        long key;
        if (event.hasConsumer()) {
            key = event.consumerKey();
        } else if (!event.hasSourceIp()) {
            skips.skipped(NAME, Skips.NO_SOURCE);
            return;
        } else if (event.fromTrustedProxy()) {
            skips.skipped(NAME, Skips.TRUSTED_PROXY);
            return;
        } else {
            key = event.sourceIpUserAgentKey();
        }
        long path = Keys.stableKey(event.normalizedPath());
        long windowMillis = settings.windowSeconds() * 1000L;
        int distinct = state.apply(key, () -> new DistinctWindow(settings.threshold()),
                window -> window.observe(path, event.nowMillis(), windowMillis));
        if (distinct >= settings.threshold()) {
            event.flag(DetectorFlags.PATH_SCAN_SUSPECT);
        }
    }
}
