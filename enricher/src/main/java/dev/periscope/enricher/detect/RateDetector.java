package dev.periscope.enricher.detect;

import dev.periscope.model.config.WindowSettings;

/**
 * {@code rate_anomaly} (per consumer) and {@code ip_rate} (per source address; trusted proxies skipped): every event
 * from a key that sent at least {@code threshold} events within the window is flagged. Both are off by default.
 */
public final class RateDetector implements Detector {
    public enum Keying { CONSUMER, SOURCE_IP }

    private final String name;
    private final String flag;
    private final Keying keying;
    private final WindowSettings settings;
    private final KeyedState<SlidingCounts> state;
    private final SkipListener skips;

    public RateDetector(String name, String flag, Keying keying, WindowSettings settings,
            KeyedState<SlidingCounts> state, SkipListener skips) {
        this.name = name;
        this.flag = flag;
        this.keying = keying;
        this.settings = settings;
        this.state = state;
        this.skips = skips;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void observe(DetectorEvent event) {
        long key;
        if (keying == Keying.CONSUMER) {
            if (!event.hasConsumer()) {
                skips.skipped(name, Skips.NO_CONSUMER);
                return;
            }
            key = event.consumerKey();
        } else {
            if (!event.hasSourceIp()) {
                skips.skipped(name, Skips.NO_SOURCE);
                return;
            }
            if (event.fromTrustedProxy()) {
                skips.skipped(name, Skips.TRUSTED_PROXY);
                return;
            }
            key = event.sourceIpKey();
        }
        long windowMillis = settings.windowSeconds() * 1000L;
        long now = event.nowMillis();
        long count = state.apply(key, () -> new SlidingCounts(windowMillis, 1), counts -> {
            counts.add(now, 0, 1);
            return counts.sum(now, 0);
        });
        if (count >= settings.threshold()) {
            event.flag(flag);
        }
    }
}
