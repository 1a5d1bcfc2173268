package dev.periscope.enricher.classify.path;

import java.util.List;

/** Where normalization-gap suggestions go; called off the hot path, may block and throw. */
public interface NormalizeGapStore {

    /** Upserts one suggestion per {@code (project, prefix)}; a newer detection replaces the older one. */
    void save(List<NormalizeGap> gaps);
}
