package dev.periscope.enricher.detect;

import dev.periscope.model.config.BolaSettings;

/**
 * {@code bola}: per consumer, the distinct objects addressed (see {@link ObjectIds}) and how many of those calls were
 * refused (401/403/404) within the window. From {@code threshold} distinct objects with at least
 * {@code min_forbidden} refusals that are at least {@code min_forbidden_ratio} of the calls, the consumer's
 * object-addressing calls are flagged {@code bola_suspect}. Anonymous calls have no consumer to enumerate with
 * (skipped); machine consumers (api key, mTLS) are skipped with {@code skip_machine_consumers}.
 */
public final class BolaDetector implements Detector {
    public static final String NAME = "bola";

    private final BolaSettings settings;
    private final KeyedState<Window> state;
    private final SkipListener skips;

    /** One consumer's distinct objects and call/refusal counts. */
    public static final class Window {
        final DistinctWindow objects;
        final SlidingCounts calls;

        Window(int threshold, long windowMillis) {
            objects = new DistinctWindow(threshold);
            calls = new SlidingCounts(windowMillis, 2);
        }
    }

    public BolaDetector(BolaSettings settings, KeyedState<Window> state, SkipListener skips) {
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
        String template = event.normalizedPath();
        if (!ObjectIds.addressesObject(template)) {
            return;
        }
        if (!event.hasConsumer()) {
            skips.skipped(NAME, Skips.NO_CONSUMER);
            return;
        }
        String scheme = event.raw().getConsumerScheme();
        if (settings.skipMachineConsumers() && (scheme.equals("apikey") || scheme.equals("mtls"))) {
            skips.skipped(NAME, Skips.MACHINE_CONSUMER);
            return;
        }
        long object = ObjectIds.objectKey(template, event.raw().getPath());
        long windowMillis = settings.windowSeconds() * 1000L;
        long now = event.nowMillis();
        int status = event.status();
        int refused = status == 401 || status == 403 || status == 404 ? 1 : 0;
        boolean suspect = state.apply(event.consumerKey(), () -> new Window(settings.threshold(), windowMillis), w -> {
            int distinct = w.objects.observe(object, now, windowMillis);
            w.calls.add(now, 0, 1);
            w.calls.add(now, 1, refused);
            long refusals = w.calls.sum(now, 1);
            return distinct >= settings.threshold() && refusals >= settings.minForbidden()
                    && refusals >= settings.minForbiddenRatio() * w.calls.sum(now, 0);
        });
        if (suspect) {
            event.flag(DetectorFlags.BOLA_SUSPECT);
        }
    }
}
