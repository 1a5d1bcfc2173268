package dev.periscope.enricher.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * The detectors as production builds them ({@link DetectorFactory} → {@link DetectorStage}) with a hand-moved clock
 * and recorded skips. Events carry no event time (ts_ms 0), so the clock is the detectors' time.
 */
final class Harness {
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final RecordingSkips skips = new RecordingSkips();
    final DetectorStates states = new DetectorStates();
    final Baselines baselines;
    final DetectorFactory factory;
    private DetectorStage stage;

    Harness(int maxKeys) {
        baselines = new Baselines(maxKeys, skips);
        factory = new DetectorFactory(states, baselines, skips, clock, START, maxKeys);
        configure(Map.of(), Map.of());
    }

    Harness() {
        this(10_000);
    }

    /** A runtime config with these {@code detection} and {@code policy} sub-trees; the stage is rebuilt from it. */
    Harness configure(Map<String, ?> detection, Map<String, ?> policy) {
        RuntimeConfig config = RuntimeConfigParser.parse(Map.of("version", 1, "detection", detection, "policy",
                policy)).config().orElseThrow();
        stage = factory.stage(config);
        return this;
    }

    Harness detection(String detector, Map<String, ?> block) {
        return configure(Map.of(detector, block), Map.of());
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Runs one event through the stage; returns its flags. */
    Set<String> run(EventDraft draft) {
        stage.apply(draft);
        return draft.flags();
    }

    Set<String> run(AccessEvent.Builder raw, String normalizedPath, String... categories) {
        return run(draft(raw, normalizedPath, categories));
    }

    static AccessEvent.Builder call(String method, String path, int status) {
        return AccessEvents.rawHttp("detect-test", method, path, status).setTsMs(0);
    }

    static EventDraft draft(AccessEvent.Builder raw, String normalizedPath, String... categories) {
        EventDraft draft = new EventDraft(raw.build());
        draft.out().setNormalizedPath(normalizedPath);
        for (String category : categories) {
            draft.endpointCategory(category);
        }
        return draft;
    }
}
