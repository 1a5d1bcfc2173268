package dev.periscope.enricher.detect;

/**
 * One stateful detector: looks at an event with what earlier stages and the other detectors' shared facts say,
 * updates its windows and raises its flag on the draft. Built once per runtime-config version from its settings
 * record; its state comes from {@link DetectorStates}, so it outlives the detector when the settings do not change.
 * Called concurrently; must not throw on odd input.
 */
public interface Detector {

    /** The detector's {@code detection.<name>} block name, used in metrics. */
    String name();

    void observe(DetectorEvent event);
}
