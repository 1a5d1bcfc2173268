package dev.periscope.enricher.detect;

import dev.periscope.model.config.BruteForceSettings;

/**
 * {@code brute_force}: mutating calls to auth endpoints (category {@code auth}) and their refusals (401/403).
 * Per consumer: {@code threshold} refusals within the window. Per source address (trusted proxies skipped):
 * {@code threshold_ip} refusals that are at least {@code min_failure_ratio} of its attempts. While either holds,
 * every attempt of that key is flagged {@code brute_force_suspect} — a success after a run of failures included.
 */
public final class BruteForceDetector implements Detector {
    public static final String NAME = "brute_force";
    private static final int ATTEMPTS = 0;
    private static final int FAILURES = 1;

    private final BruteForceSettings settings;
    private final State state;
    private final SkipListener skips;

    /** Per-consumer and per-address windows. */
    public record State(KeyedState<SlidingCounts> consumers, KeyedState<SlidingCounts> addresses) implements Sized {
        @Override
        public long entries() {
            return consumers.entries() + addresses.entries();
        }
    }

    public BruteForceDetector(BruteForceSettings settings, State state, SkipListener skips) {
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
        if (!event.isMutating() || !event.hasCategory("auth")) {
            return;
        }
        long windowMillis = settings.windowSeconds() * 1000L;
        long now = event.nowMillis();
        int failed = event.isRefused() ? 1 : 0;
        boolean suspect = false;
        if (event.hasConsumer()) {
            long failures = state.consumers().apply(event.consumerKey(), () -> new SlidingCounts(windowMillis, 2),
                    counts -> {
                        counts.add(now, ATTEMPTS, 1);
                        counts.add(now, FAILURES, failed);
                        return counts.sum(now, FAILURES);
                    });
            suspect = failures >= settings.threshold();
        }
        if (!event.hasSourceIp()) {
            skips.skipped(NAME, Skips.NO_SOURCE);
        } else if (event.fromTrustedProxy()) {
            skips.skipped(NAME, Skips.TRUSTED_PROXY);
        } else {
            boolean addressSuspect = state.addresses().apply(event.sourceIpKey(),
                    () -> new SlidingCounts(windowMillis, 2), counts -> {
                        counts.add(now, ATTEMPTS, 1);
                        counts.add(now, FAILURES, failed);
                        long attempts = counts.sum(now, ATTEMPTS);
                        long failures = counts.sum(now, FAILURES);
                        return failures >= settings.thresholdIp()
                                && failures >= settings.minFailureRatio() * attempts;
                    });
            suspect |= addressSuspect;
        }
        if (suspect) {
            event.flag(DetectorFlags.BRUTE_FORCE_SUSPECT);
        }
    }
}
