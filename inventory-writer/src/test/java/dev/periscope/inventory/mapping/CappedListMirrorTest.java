package dev.periscope.inventory.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.domain.InventoryLimits;
import dev.periscope.inventory.mapping.CappedListMirror.FieldChange;
import dev.periscope.inventory.mapping.CappedListMirror.Plan;
import dev.periscope.model.testing.AccessEvents;

class CappedListMirrorTest {
    /** consumers cap 3, query params cap 2, discovered sets cap 2: small enough for a table. */
    private static final InventoryLimits LIMITS = new InventoryLimits(3, 2, 2);
    private static final String CONSUMERS = InventoryUpdateMapper.CONSUMERS;

    /** A delta of one event per consumer hash, in order (none: one event without a consumer). */
    private static InventoryDelta consumersDelta(String... consumers) {
        InventoryBatch<Integer> batch = new InventoryBatch<>(LIMITS);
        String[] hashes = consumers.length == 0 ? new String[] {""} : consumers;
        for (int i = 0; i < hashes.length; i++) {
            batch.add(AccessEvents.enriched("p-mirror", "GET", "/m", 200).setConsumerHash(hashes[i])
                    .setRouteName("").setUpstreamCluster("").setContentType("").build(), 0, i, i);
        }
        return batch.deltas().get(0);
    }

    static Stream<Arguments> consumerRows() {
        return Stream.of(
                // rule, stored consumers (null: no document), consumers of the batch, added, slice, stored after
                row("first write inserts what the batch saw", null, List.of("a", "b"), List.of("a", "b"), false,
                        List.of("a", "b")),
                row("values already stored add nothing", List.of("a", "b"), List.of("b", "a"), List.of(), false,
                        List.of("a", "b")),
                row("new values that fit are added in order", List.of("a"), List.of("c", "a", "b"),
                        List.of("c", "b"), false, List.of("a", "c", "b")),
                row("filling the list exactly needs no slice", List.of("a", "b"), List.of("c"), List.of("c"), false,
                        List.of("a", "b", "c")),
                row("overflow keeps the most recently added", List.of("a", "b", "c"), List.of("d"), List.of("d"),
                        true, List.of("b", "c", "d")),
                row("overflow by several, present ones not moved", List.of("a", "b", "c"), List.of("a", "d", "e"),
                        List.of("d", "e"), true, List.of("c", "d", "e")),
                row("a batch of more than the cap: its last ones (the delta keeps cap)", null,
                        List.of("a", "b", "c", "d", "e"), List.of("c", "d", "e"), false, List.of("c", "d", "e")),
                row("over the cap after a lowered cap: named list is cut back, as the trim does",
                        List.of("a", "b", "c", "d"), List.of("b"), List.of(), true, List.of("b", "c", "d")),
                row("over the cap but not named: left alone, as the trim does", List.of("a", "b", "c", "d"),
                        List.of(), List.of(), false, List.of("a", "b", "c", "d")));
    }

    private static Arguments row(String rule, List<String> stored, List<String> batch, List<String> added,
            boolean slice, List<String> after) {
        return Arguments.of(rule, stored, batch, added, slice, after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumerRows")
    void plansConsumersLikeAddToSetThenTrim(String rule, List<String> stored, List<String> batch,
            List<String> added, boolean slice, List<String> after) {
        CappedListMirror mirror = new CappedListMirror(10);
        InventoryDelta delta = consumersDelta(batch.toArray(String[]::new));
        if (stored == null) {
            mirror.learnAbsent(delta.id());
        } else {
            mirror.learn(delta.id(), Map.of(CONSUMERS, stored));
        }

        Plan plan = mirror.plan(delta).orElseThrow();

        assertThat(plan.documentExists()).isEqualTo(stored != null);
        assertThat(plan.changes().get(CONSUMERS)).isEqualTo(new FieldChange(added, 3, slice));
        assertThat(plan.listsAfter().get(CONSUMERS)).isEqualTo(after);
        assertThat(after).as("the reference: $addToSet $each, then the trim when the list was named")
                .isEqualTo(addToSetThenTrim(stored == null ? List.of() : stored, delta.consumers(), 3));
    }

    @Test
    void anUnknownDocumentHasNoPlan() {
        CappedListMirror mirror = new CappedListMirror(10);

        assertThat(mirror.plan(consumersDelta("a"))).isEmpty();
        assertThat(mirror.unknown(List.of("x", "y", "x"))).containsExactly("x", "y");
    }

    @Test
    void anInsertNamesEveryCappedListEvenEmptyOnes() {
        CappedListMirror mirror = new CappedListMirror(10);
        InventoryDelta delta = consumersDelta("a");
        mirror.learnAbsent(delta.id());

        Plan plan = mirror.plan(delta).orElseThrow();

        assertThat(plan.changes().keySet()).containsExactlyElementsOf(InventoryUpdateMapper.CAPPED_LIST_FIELDS);
        assertThat(plan.listsAfter()).containsEntry(InventoryUpdateMapper.ROUTES, List.of())
                .containsEntry(CONSUMERS, List.of("a"));
    }

    @Test
    void anAcknowledgedPlanIsWhatTheNextPlanStartsFrom() {
        CappedListMirror mirror = new CappedListMirror(10);
        InventoryDelta first = consumersDelta("a", "b");
        mirror.learnAbsent(first.id());
        mirror.applied(mirror.plan(first).orElseThrow());

        Plan second = mirror.plan(consumersDelta("b", "c", "d")).orElseThrow();

        assertThat(second.documentExists()).isTrue();
        assertThat(second.changes().get(CONSUMERS)).isEqualTo(new FieldChange(List.of("c", "d"), 3, true));
        assertThat(second.listsAfter().get(CONSUMERS)).containsExactly("b", "c", "d");
    }

    @Test
    void aPlanNotAcknowledgedChangesNothingAndForgetMakesTheDocumentUnknown() {
        CappedListMirror mirror = new CappedListMirror(10);
        InventoryDelta delta = consumersDelta("a");
        mirror.learn(delta.id(), Map.of(CONSUMERS, List.of("z")));
        mirror.plan(delta); // planned, never applied

        assertThat(mirror.plan(delta).orElseThrow().changes().get(CONSUMERS).added()).containsExactly("a");
        mirror.forget(delta.id());
        assertThat(mirror.knows(delta.id())).isFalse();
    }

    @Test
    void clearForgetsEverything() {
        CappedListMirror mirror = new CappedListMirror(10);
        mirror.learnAbsent("x");
        mirror.learn("y", Map.of());

        mirror.clear();

        assertThat(mirror.size()).isZero();
        assertThat(mirror.unknown(List.of("x", "y"))).containsExactly("x", "y");
    }

    @Test
    void aFieldMissingFromTheStoredDocumentIsEmpty() {
        CappedListMirror mirror = new CappedListMirror(10);
        InventoryDelta delta = consumersDelta("a");
        mirror.learn(delta.id(), Map.of());

        Plan plan = mirror.plan(delta).orElseThrow();

        assertThat(plan.documentExists()).isTrue();
        assertThat(plan.changes().get(CONSUMERS)).isEqualTo(new FieldChange(List.of("a"), 3, false));
    }

    @Test
    void boundedToTheLeastRecentlyWrittenDocuments() {
        CappedListMirror mirror = new CappedListMirror(2);
        InventoryDelta a = consumersDelta("a");
        mirror.learnAbsent("x");
        mirror.learnAbsent(a.id());
        mirror.plan(a); // a used more recently than x
        mirror.learnAbsent("z");

        assertThat(mirror.size()).isEqualTo(2);
        assertThat(mirror.knows("x")).isFalse();
        assertThat(mirror.knows(a.id())).isTrue();
        assertThat(mirror.knows("z")).isTrue();
    }

    @Test
    void zeroDocumentsTurnsItOff() {
        CappedListMirror mirror = new CappedListMirror(0);
        InventoryDelta delta = consumersDelta("a");
        mirror.learnAbsent(delta.id());
        mirror.learn("y", Map.of());

        assertThat(mirror.enabled()).isFalse();
        assertThat(mirror.plan(delta)).isEmpty();
        assertThatThrownBy(() -> new CappedListMirror(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Many random histories: each plan's result equals $addToSet followed by the trim, batch after batch. */
    @Test
    void randomHistoriesMatchAddToSetThenTrim() {
        Random random = new Random(11);
        for (int history = 0; history < 300; history++) {
            CappedListMirror mirror = new CappedListMirror(10);
            List<String> reference = new ArrayList<>();
            boolean inserted = false;
            for (int batch = 0; batch < 8; batch++) {
                String[] consumers = new String[random.nextInt(6)];
                for (int i = 0; i < consumers.length; i++) {
                    consumers[i] = "c" + random.nextInt(7);
                }
                InventoryDelta delta = consumersDelta(consumers);
                if (!mirror.knows(delta.id())) {
                    if (inserted) {
                        mirror.learn(delta.id(), Map.of(CONSUMERS, reference));
                    } else {
                        mirror.learnAbsent(delta.id());
                    }
                }
                Plan plan = mirror.plan(delta).orElseThrow();
                reference = addToSetThenTrim(reference, delta.consumers(), 3);
                assertThat(plan.listsAfter().get(CONSUMERS)).as("history %d batch %d", history, batch)
                        .isEqualTo(reference);
                if (random.nextInt(4) == 0) {
                    mirror.forget(delta.id()); // e.g. a failed write: read again next time
                } else {
                    mirror.applied(plan);
                }
                inserted = true;
            }
        }
    }

    /** What MongoDB does with {@code $addToSet $each} followed by the trim ({@code $push $each [] $slice -cap}). */
    private static List<String> addToSetThenTrim(List<String> stored, List<String> added, int cap) {
        LinkedHashSet<String> set = new LinkedHashSet<>(stored);
        List<String> list = new ArrayList<>(stored);
        for (String value : added) {
            if (set.add(value)) {
                list.add(value);
            }
        }
        if (!added.isEmpty() && list.size() > cap) {
            return List.copyOf(list.subList(list.size() - cap, list.size()));
        }
        return List.copyOf(list);
    }
}
