package dev.periscope.enricher.detect.baseline;

import java.util.List;

/** Where an instance's baselines are kept between runs ({@code detector_baselines} in MongoDB, or memory in tests). */
public interface BaselineRepository {

    /** Replaces what {@code instance} stored for the given records' keys. */
    void save(String instance, List<BaselineRecord> records);

    /** Everything {@code instance} stored; empty when nothing was. */
    List<BaselineRecord> load(String instance);
}
