package dev.periscope.enricher.detect;

/** Detector state that can say how many keys it tracks ({@code periscope_detector_state_entries{detector}}). */
@FunctionalInterface
public interface Sized {
    long entries();
}
