package dev.periscope.enricher.classify.path;

import java.util.Objects;
import java.util.Set;

/**
 * One position and short hashes of distinct candidate values seen there: what the store holds, and what a flush
 * adds (only the new hashes).
 */
public record PathShape(String positionId, PathPosition position, Set<String> valueHashes) {
    public PathShape {
        Objects.requireNonNull(positionId, "positionId");
        Objects.requireNonNull(position, "position");
        valueHashes = Set.copyOf(valueHashes);
    }
}
