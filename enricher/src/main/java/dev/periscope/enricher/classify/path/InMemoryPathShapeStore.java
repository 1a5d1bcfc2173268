package dev.periscope.enricher.classify.path;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PathShapeStore} in memory: unit tests, and two views sharing one instance stand for two replicas. */
public final class InMemoryPathShapeStore implements PathShapeStore {
    private record Stored(PathPosition position, Set<String> hashes, Instant changed) {
    }

    private final Clock clock;
    private final Map<String, Stored> positions = new ConcurrentHashMap<>();

    public InMemoryPathShapeStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void save(List<PathShape> shapes) {
        Instant now = clock.instant();
        for (PathShape shape : shapes) {
            Stored previous = positions.get(shape.positionId());
            Set<String> hashes = new HashSet<>(previous == null ? Set.of() : previous.hashes());
            hashes.addAll(shape.valueHashes());
            positions.put(shape.positionId(), new Stored(shape.position(), Set.copyOf(hashes), now));
        }
    }

    @Override
    public synchronized List<PathShape> loadChangedSince(Instant since) {
        List<PathShape> changed = new ArrayList<>();
        positions.forEach((id, stored) -> {
            if (!stored.changed().isBefore(since)) {
                changed.add(new PathShape(id, stored.position(), stored.hashes()));
            }
        });
        return changed;
    }

    public int size() {
        return positions.size();
    }
}
