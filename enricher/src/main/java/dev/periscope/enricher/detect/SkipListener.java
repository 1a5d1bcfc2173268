package dev.periscope.enricher.detect;

/**
 * Told whenever a detector could not look at an event ({@code no_consumer}, {@code no_geo}, {@code trusted_proxy},
 * …) or dropped a tracked key ({@code evicted}); the Micrometer adapter counts it as
 * {@code periscope_detector_skipped_total{detector,reason}}.
 */
@FunctionalInterface
public interface SkipListener {
    SkipListener NONE = (detector, reason) -> {
    };

    void skipped(String detector, String reason);
}
