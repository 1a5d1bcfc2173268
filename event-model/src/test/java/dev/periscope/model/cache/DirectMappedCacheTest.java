package dev.periscope.model.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.periscope.model.InventoryKey;

class DirectMappedCacheTest {
    @Test
    void answersLikeTheFunctionAcrossHitsAndCollisions() {
        DirectMappedCache<InventoryKey, String> ids = new DirectMappedCache<>(4096);
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            // a few hot endpoints (hits) and many distinct ones (collisions in the fixed slots)
            int endpoint = i % 2 == 0 ? random.nextInt(20) : random.nextInt(1_000_000);
            InventoryKey key = new InventoryKey("p" + endpoint % 3, "ingress", "http/1.1", "api.example.com",
                    endpoint % 2 == 0 ? "GET" : "POST", "/items/" + endpoint, "", "");

            assertThat(ids.computeIfAbsent(key, InventoryKey::id)).isEqualTo(key.id());
        }
    }

    @Test
    void aHitDoesNotComputeAgainAndACollisionReplacesTheSlot() {
        DirectMappedCache<Integer, String> cache = new DirectMappedCache<>(4);
        AtomicInteger computed = new AtomicInteger();

        cache.computeIfAbsent(1, k -> "one" + computed.incrementAndGet());
        cache.computeIfAbsent(1, k -> "one" + computed.incrementAndGet());
        assertThat(cache.get(1)).isEqualTo("one1");
        assertThat(computed).hasValue(1);

        cache.put(5, "five"); // 5 & 3 == 1: same slot
        assertThat(cache.get(1)).isNull();
        assertThat(cache.get(5)).isEqualTo("five");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 1000, -8})
    void slotsMustBeAPowerOfTwo(int slots) {
        assertThatThrownBy(() -> new DirectMappedCache<String, String>(slots))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
