package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class InventoryKeyIdsTest {
    @Test
    void sameIdAsTheKeyAcrossCacheHitsAndCollisions() {
        InventoryKeyIds ids = new InventoryKeyIds();
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            // a few hot endpoints (hits) and many distinct ones (collisions in the fixed slots)
            int endpoint = i % 2 == 0 ? random.nextInt(20) : random.nextInt(1_000_000);
            InventoryKey key = new InventoryKey("p" + endpoint % 3, "ingress", "http/1.1", "api.example.com",
                    endpoint % 2 == 0 ? "GET" : "POST", "/items/" + endpoint, "", "");

            assertThat(ids.id(key)).isEqualTo(key.id());
        }
    }

    @Test
    void keysDifferingInOneFieldGetTheirOwnIds() {
        InventoryKeyIds ids = new InventoryKeyIds();
        InventoryKey get = new InventoryKey("p", "l", "http/2", "h", "GET", "/a", "", "");
        InventoryKey post = new InventoryKey("p", "l", "http/2", "h", "POST", "/a", "", "");

        assertThat(ids.id(get)).isEqualTo(get.id());
        assertThat(ids.id(post)).isEqualTo(post.id()).isNotEqualTo(ids.id(get));
    }
}
