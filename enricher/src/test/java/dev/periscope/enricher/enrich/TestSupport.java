package dev.periscope.enricher.enrich;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.v1.AccessEvent;

/** Fixtures shared by the enrichment tests: test databases, hand-moved clocks, drafts run through a stage. */
public final class TestSupport {
    public static final Duration BUDGET = Duration.ofMillis(50);

    private TestSupport() {
    }

    /** A file under src/test/resources/geoip (MaxMind's public test databases). */
    public static Path geoipFile(String name) {
        URL url = TestSupport.class.getResource("/geoip/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource /geoip/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EventDraft run(String sourceIp, ClassificationStage... stages) {
        EventDraft draft = new EventDraft(AccessEvent.newBuilder().setMethod("GET").setPath("/")
                .setSourceIp(sourceIp).build());
        for (ClassificationStage stage : stages) {
            stage.apply(draft);
        }
        return draft;
    }

    /** A budget over a ticker that stands still unless moved (lookups take no time). */
    public static EnrichmentBudget frozenBudget() {
        return new EnrichmentBudget(BUDGET, new Ticker());
    }

    /** A monotonic tick source that advances {@code step} on every read: every lookup looks slow. */
    public static final class Ticker implements LongSupplier {
        private final long stepNanos;
        private long now;

        public Ticker() {
            this(Duration.ZERO);
        }

        public Ticker(Duration step) {
            this.stepNanos = step.toNanos();
        }

        @Override
        public synchronized long getAsLong() {
            long value = now;
            now += stepNanos;
            return value;
        }
    }
}
