package dev.periscope.inventory.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.mapping.InventoryUpdateMapper.CappedList;

/**
 * What this writer knows of the capped lists ({@code consumers}, {@code query_params}, {@code routes},
 * {@code clusters}, {@code content_types}, {@code origins}) of the documents it writes: their exact stored contents,
 * learned by reading a document once and then kept up to date from the writer's own acknowledged writes.
 * <p>
 * Knowing a list lets one upsert do what otherwise takes an upsert plus a trim: {@code $addToSet $each} of the
 * values the list does not hold yet while they fit, or {@code $push $each … $slice: -cap} of exactly those values
 * when they overflow it — the same list as {@code $addToSet} followed by the trim (both append the new values in
 * order and keep the last {@code cap}). A list with nothing new is not changed.
 * <p>
 * Valid while this writer is the only one changing those documents: the enricher keys records by the inventory id,
 * so one document is fed by one partition, and the caller {@link #clear clears} the mirror whenever partition
 * ownership changes and {@link #forget forgets} a document whose write was not acknowledged as planned. Bounded:
 * beyond {@code maxDocuments} the least recently written document is forgotten (and read again when next needed).
 * <p>
 * Pure and single-threaded (the consumer thread).
 */
public final class CappedListMirror {
    private final int maxDocuments;
    /** Per document id, most recently written last. */
    private final LinkedHashMap<String, Known> documents;

    public CappedListMirror(int maxDocuments) {
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("maxDocuments must be >= 0, was " + maxDocuments);
        }
        this.maxDocuments = maxDocuments;
        this.documents = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > CappedListMirror.this.maxDocuments;
            }
        };
    }

    /** Whether the mirror is in use at all (0 documents: always the upsert plus trim). */
    public boolean enabled() {
        return maxDocuments > 0;
    }

    public boolean knows(String id) {
        return documents.containsKey(id);
    }

    /** The ids among {@code ids} whose lists are not known, each once, in order. */
    public List<String> unknown(Collection<String> ids) {
        Set<String> seen = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (!documents.containsKey(id) && seen.add(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /** A stored document's lists as read from the store (a missing field is an empty list). */
    public void learn(String id, Map<String, List<String>> storedLists) {
        if (!enabled()) {
            return;
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        storedLists.forEach((field, values) -> lists.put(field, List.copyOf(values)));
        documents.put(id, new Known(true, lists));
    }

    /** The store has no document with this id (its first upsert inserts it). */
    public void learnAbsent(String id) {
        if (enabled()) {
            documents.put(id, new Known(false, Map.of()));
        }
    }

    /** The document's write was not acknowledged as planned (or a retry may have applied it another way). */
    public void forget(String id) {
        documents.remove(id);
    }

    /** Partition ownership changed: another writer may have changed any document since. */
    public void clear() {
        documents.clear();
    }

    public int size() {
        return documents.size();
    }

    /**
     * How one upsert applies {@code delta}'s capped lists to the known document, or empty when the document's lists
     * are not known (the caller then writes {@code $addToSet} of everything plus a trim).
     */
    public Optional<Plan> plan(InventoryDelta delta) {
        Known known = documents.get(delta.id());
        if (known == null) {
            return Optional.empty();
        }
        Map<String, List<String>> stored = known.lists();
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        Map<String, List<String>> after = new LinkedHashMap<>(stored);
        InventoryUpdateMapper.cappedLists(delta).forEach((field, list) -> {
            List<String> current = stored.getOrDefault(field, List.of());
            FieldChange change = change(current, list);
            changes.put(field, change);
            if (!change.added().isEmpty() || change.slice()) {
                after.put(field, change.result(current));
            } else if (known.exists()) {
                after.putIfAbsent(field, current);
            } else {
                after.put(field, List.of()); // the insert names every list, empty or not
            }
        });
        return Optional.of(new Plan(delta.id(), known.exists(), changes, after));
    }

    private static FieldChange change(List<String> current, CappedList list) {
        Set<String> present = new HashSet<>(current);
        List<String> added = new ArrayList<>();
        for (String value : list.added()) {
            if (present.add(value)) {
                added.add(value);
            }
        }
        // as the trim: a list the delta names (even with values it holds) is cut back, e.g. after a lowered cap
        boolean slice = !list.added().isEmpty() && current.size() + added.size() > list.cap();
        return new FieldChange(List.copyOf(added), list.cap(), slice);
    }

    /** After MongoDB acknowledged the planned upsert: the document's lists are what the plan said. */
    public void applied(Plan plan) {
        if (enabled()) {
            documents.put(plan.id(), new Known(true, plan.listsAfter()));
        }
    }

    /** A document's stored lists, or that there is no such document. */
    private record Known(boolean exists, Map<String, List<String>> lists) {
    }

    /**
     * One capped list's part of an upsert.
     *
     * @param added  the values the stored list does not hold yet, in the order {@code $addToSet} would append them
     * @param cap    the list's cap
     * @param slice  whether the list ends up over its cap: {@code $push $each added $slice -cap} instead of
     *               {@code $addToSet}
     */
    public record FieldChange(List<String> added, int cap, boolean slice) {
        List<String> result(List<String> current) {
            List<String> result = new ArrayList<>(current);
            result.addAll(added);
            return slice ? List.copyOf(result.subList(result.size() - cap, result.size())) : List.copyOf(result);
        }
    }

    /**
     * How one upsert changes a known document's capped lists.
     *
     * @param documentExists false when the upsert inserts the document
     * @param changes        per capped field
     * @param listsAfter     the stored lists once the upsert is applied
     */
    public record Plan(String id, boolean documentExists, Map<String, FieldChange> changes,
            Map<String, List<String>> listsAfter) {
    }
}
