package dev.periscope.enricher.classify.stages;

import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link IdentityStage} counts, for the lead to bind to Micrometer (e.g. {@code FunctionCounter}s
 * {@code periscope_consumers_total{kind="identified"|"anonymous"}} and
 * {@code periscope_hash_key_id_mismatches_total}). Thread-safe; survives pipeline rebuilds when the same instance
 * is handed to every new {@link IdentityStage}.
 */
public final class IdentityCounters {
    private final LongAdder identified = new LongAdder();
    private final LongAdder anonymous = new LongAdder();
    private final LongAdder keyIdMismatches = new LongAdder();

    void identified() {
        identified.increment();
    }

    void anonymous() {
        anonymous.increment();
    }

    void keyIdMismatch() {
        keyIdMismatches.increment();
    }

    /** Events that carried a {@code consumer_hash} from the gateway. */
    public long identifiedCount() {
        return identified.sum();
    }

    /** Events without a consumer identity. */
    public long anonymousCount() {
        return anonymous.sum();
    }

    /**
     * Events whose gateway {@code hash_key_id} differs from the enricher's: the gateway and the enricher run with
     * different {@code HASH_SALT} settings, so their hashes do not join.
     */
    public long keyIdMismatchCount() {
        return keyIdMismatches.sum();
    }
}
