package dev.periscope.enricher.classify.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NormalizeGapStore} in memory, keyed like the MongoDB one; for unit tests. */
public final class InMemoryNormalizeGapStore implements NormalizeGapStore {
    private final Map<String, NormalizeGap> gaps = new ConcurrentHashMap<>();

    @Override
    public void save(List<NormalizeGap> batch) {
        for (NormalizeGap gap : batch) {
            gaps.put(gap.projectId() + "\n" + gap.prefix(), gap);
        }
    }

    public List<NormalizeGap> all() {
        return new ArrayList<>(gaps.values());
    }
}
