package dev.periscope.enricher.detect;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.config.CidrBlock;

/**
 * Runs every enabled detector on an event. Place it after the path, category, identity and GeoIP stages (it reads
 * {@code normalized_path}, {@code endpoint_categories} and the {@code geo.*} tags).
 * <p>
 * <b>Time:</b> windows run on the gateway's event time ({@code ts_ms}) so a backlog replayed after an outage is
 * judged at the pace it happened, not compressed into a burst; an event time more than {@link #MAX_FUTURE} ahead of
 * or {@link #MAX_PAST} behind the injected clock is not trusted and the clock is used instead.
 */
public final class DetectorStage implements ClassificationStage {
    static final Duration MAX_FUTURE = Duration.ofMinutes(1);
    static final Duration MAX_PAST = Duration.ofHours(1);

    private final List<Detector> detectors;
    private final List<CidrBlock> trustedProxies;
    private final Clock clock;
    private final SkipListener skips;

    public DetectorStage(List<Detector> detectors, List<CidrBlock> trustedProxies, Clock clock, SkipListener skips) {
        this.detectors = List.copyOf(detectors);
        this.trustedProxies = List.copyOf(trustedProxies);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skips = Objects.requireNonNull(skips, "skips");
    }

    @Override
    public String name() {
        return "detectors";
    }

    public List<String> detectorNames() {
        return detectors.stream().map(Detector::name).toList();
    }

    @Override
    public void apply(EventDraft draft) {
        if (detectors.isEmpty()) {
            return;
        }
        DetectorEvent event = new DetectorEvent(draft, eventTime(draft.raw().getTsMs()), trustedProxies);
        for (Detector detector : detectors) {
            try {
                detector.observe(event);
            } catch (RuntimeException e) {
                // one broken detector must not cost the others their look at the event
                skips.skipped(detector.name(), "error");
            }
        }
    }

    long eventTime(long tsMillis) {
        long now = clock.millis();
        if (tsMillis <= 0 || tsMillis > now + MAX_FUTURE.toMillis() || tsMillis < now - MAX_PAST.toMillis()) {
            return now;
        }
        return tsMillis;
    }
}
