package dev.periscope.inventory.fencing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per source partition, the highest offset that may already be applied to the inventory, by this process or by a
 * previous owner; offsets after it are new and need no fencing. Fed by the intents read at partition assignment,
 * by the store when a commit carries none, and by this process's own acknowledged writes; it never goes down.
 * Used by the consumer thread only.
 */
public final class PartitionFences implements Fencing {
    private final Map<Integer, Long> mayBeAppliedThrough = new HashMap<>();
    private final Set<Integer> unresolved = new HashSet<>();

    /**
     * The partition was assigned; {@code intent} is what its committed offset says. Without one (no commit, a
     * commit by an older writer or a tool) the bound is unknown until {@link #resolved} gives the store's answer.
     */
    public void assigned(int partition, Optional<OffsetIntent> intent) {
        if (intent.isPresent()) {
            raise(partition, intent.get().mayBeAppliedThrough());
            unresolved.remove(partition);
        } else {
            unresolved.add(partition);
        }
    }

    /** Partitions whose bound must be looked up in the store before their next write. */
    public Set<Integer> unresolved() {
        return Set.copyOf(unresolved);
    }

    /** The store's highest {@code applied.<partition>} ({@code -1}: none). */
    public void resolved(int partition, long highestAppliedInStore) {
        raise(partition, highestAppliedInStore);
        unresolved.remove(partition);
    }

    /**
     * The intent to commit before writing offsets {@code firstOffset..lastOffset} of the partition: committed at
     * the first, through the last or further when more may be applied already (records polled again after a
     * rebalance), so a crash at any point leaves the next owner a range that covers every possibly applied offset.
     */
    public OffsetIntent intentFor(int partition, long firstOffset, long lastOffset) {
        requireResolved(partition);
        return new OffsetIntent(firstOffset, Math.max(lastOffset, bound(partition)));
    }

    /** The intent for a clean hand-over (revocation, shutdown) at the consumer's position. */
    public OffsetIntent handOver(int partition, long position) {
        requireResolved(partition);
        return new OffsetIntent(position, Math.max(position - 1, bound(partition)));
    }

    /** A slot that starts at or below the bound may be applied already (in part), or the bound is unknown. */
    @Override
    public boolean fenced(int partition, long firstOffset) {
        return partition < 0 || unresolved.contains(partition) || !mayBeAppliedThrough.containsKey(partition)
                || firstOffset <= mayBeAppliedThrough.get(partition);
    }

    /** The write of the partition's offsets up to {@code lastOffset} was acknowledged. */
    public void applied(int partition, long lastOffset) {
        raise(partition, lastOffset);
    }

    public boolean isResolved(int partition) {
        return !unresolved.contains(partition) && mayBeAppliedThrough.containsKey(partition);
    }

    private long bound(int partition) {
        return mayBeAppliedThrough.getOrDefault(partition, -1L);
    }

    private void requireResolved(int partition) {
        if (!isResolved(partition)) {
            throw new IllegalStateException("partition " + partition + " has no known applied bound yet");
        }
    }

    private void raise(int partition, long offset) {
        mayBeAppliedThrough.merge(partition, offset, Math::max);
    }
}
