package dev.periscope.enricher.classify;

/**
 * One step of the classification pipeline. A stage reads the raw event and what earlier stages wrote, and adds
 * its own findings to the draft. Stages are built once per runtime-config version, hold no per-event state, and
 * are called concurrently: anything they keep across events (learned path shapes, windows) must be thread-safe.
 * A stage must not throw on odd input; it classifies what it can.
 */
public interface ClassificationStage {

    /** Short stable name, used in metrics and error counters. */
    String name();

    void apply(EventDraft draft);
}
