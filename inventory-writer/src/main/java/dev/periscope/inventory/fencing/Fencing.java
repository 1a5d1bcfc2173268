package dev.periscope.inventory.fencing;

/** Per slot of a batch: whether its upsert must carry the fenced filter or may address the document by {@code _id}. */
@FunctionalInterface
public interface Fencing {
    /** Everything fenced: the safe choice whenever no intent covers the batch. */
    Fencing ALWAYS = (partition, firstOffset) -> true;

    /**
     * @param partition   the slot's source partition ({@code -1}: unknown, always fenced)
     * @param firstOffset the slot's first source offset
     */
    boolean fenced(int partition, long firstOffset);
}
