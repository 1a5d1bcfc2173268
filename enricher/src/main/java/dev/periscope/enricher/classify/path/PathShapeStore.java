package dev.periscope.enricher.classify.path;

import java.time.Instant;
import java.util.List;

/**
 * Where learned path shapes persist, shared by every enricher replica. Called only off the hot path (by
 * {@link LearnedPathShapes#flush()} and {@link LearnedPathShapes#reload()}); implementations may block and throw.
 */
public interface PathShapeStore {

    /** Adds each shape's value hashes to its position (created when absent) and stamps it as changed now. */
    void save(List<PathShape> shapes);

    /** Every position changed at or after {@code since} ({@link Instant#EPOCH}: all), with all its hashes. */
    List<PathShape> loadChangedSince(Instant since);
}
