package dev.periscope.enricher.detect;

import dev.periscope.model.config.PaymentAbuseSettings;

/**
 * {@code payment_abuse}: mutating calls to payment endpoints (category {@code payment}) per consumer, else per source
 * address (trusted proxies skipped). Declines are 4xx other than 401/429. Once a key has {@code threshold} declines
 * within the window that are at least {@code min_decline_ratio} of its payment calls, its payment calls are flagged
 * {@code payment_abuse_suspect}.
 */
public final class PaymentAbuseDetector implements Detector {
    public static final String NAME = "payment_abuse";
    private static final int CALLS = 0;
    private static final int DECLINES = 1;

    private final PaymentAbuseSettings settings;
    private final KeyedState<SlidingCounts> state;
    private final SkipListener skips;

    public PaymentAbuseDetector(PaymentAbuseSettings settings, KeyedState<SlidingCounts> state, SkipListener skips) {
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
        if (!event.isMutating() || !event.hasCategory("payment")) {
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
            key = event.sourceIpKey();
        }
        long windowMillis = settings.windowSeconds() * 1000L;
        long now = event.nowMillis();
        int declined = event.isClientRejection() ? 1 : 0;
        boolean suspect = state.apply(key, () -> new SlidingCounts(windowMillis, 2), counts -> {
            counts.add(now, CALLS, 1);
            counts.add(now, DECLINES, declined);
            long declines = counts.sum(now, DECLINES);
            return declines >= settings.threshold() && declines >= settings.minDeclineRatio() * counts.sum(now, CALLS);
        });
        if (suspect) {
            event.flag(DetectorFlags.PAYMENT_ABUSE_SUSPECT);
        }
    }
}
