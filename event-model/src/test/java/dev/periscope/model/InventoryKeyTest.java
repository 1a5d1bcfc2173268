package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class InventoryKeyTest {

    @Test
    void keyTakesTheEightFieldsAndIgnoresEverythingElse() {
        AccessEvent a = AccessEvents.enriched("p1", "GET", "/users/{id}", 200).build();
        AccessEvent b = a.toBuilder().setStatusCode(500).setListenerIp("10.9.9.9").setPath("/users/42")
                .setEventId("ffffffffffffffffffffffff").build();

        assertThat(InventoryKey.of(b)).isEqualTo(InventoryKey.of(a));
        assertThat(InventoryKey.of(b).id()).isEqualTo(InventoryKey.of(a).id());
    }

    @Test
    void everyKeyFieldChangesTheId() {
        InventoryKey base = new InventoryKey("p", "l", "http/1.1", "h", "GET", "/x", "", "");
        assertThat(java.util.List.of(
                new InventoryKey("q", "l", "http/1.1", "h", "GET", "/x", "", ""),
                new InventoryKey("p", "m", "http/1.1", "h", "GET", "/x", "", ""),
                new InventoryKey("p", "l", "http/2", "h", "GET", "/x", "", ""),
                new InventoryKey("p", "l", "http/1.1", "i", "GET", "/x", "", ""),
                new InventoryKey("p", "l", "http/1.1", "h", "PUT", "/x", "", ""),
                new InventoryKey("p", "l", "http/1.1", "h", "GET", "/y", "", ""),
                new InventoryKey("p", "l", "http/1.1", "h", "GET", "/x", "s", ""),
                new InventoryKey("p", "l", "http/1.1", "h", "GET", "/x", "", "m")))
                .extracting(InventoryKey::id)
                .doesNotContain(base.id())
                .doesNotHaveDuplicates();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        InventoryKey left = new InventoryKey("ab", "c", "", "", "", "", "", "");
        InventoryKey right = new InventoryKey("a", "bc", "", "", "", "", "", "");
        assertThat(left.id()).isNotEqualTo(right.id());
    }

    @Test
    void idIsStableAcrossReleases() {
        // Pinned: changing this value orphans every inventory document and repartitions the enriched topic.
        assertThat(new InventoryKey("acme", "public-edge", "http/1.1", "api.acme.test", "GET", "/users/{id}", "", "")
                .id()).isEqualTo(InventoryKeyGolden.ACME_USERS_ID);
    }
}
