package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ObjectIdsTest {
    @Test
    void idsAre24HexWithTheTimestampFirstAndUnique() {
        long millis = 1_700_000_000_123L;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ObjectIds.next(millis);
            assertThat(id).matches("[0-9a-f]{24}");
            assertThat(Long.parseLong(id.substring(0, 8), 16)).isEqualTo(millis / 1000);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
