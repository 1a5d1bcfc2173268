package dev.periscope.enricher.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-key state of one detector, bounded: at most {@code maxKeys} keys in 16 lock stripes, each an access-ordered
 * map that drops its least recently used key when full (so eviction is LRU per stripe, approximately LRU overall).
 * Every eviction is reported as skip reason {@code evicted}. A flood of new keys therefore costs old keys, never
 * memory.
 */
public final class KeyedState<S> implements Sized {
    static final int STRIPES = 16;

    private final String detector;
    private final SkipListener skips;
    private final Stripe<S>[] stripes;

    @SuppressWarnings("unchecked")
    public KeyedState(String detector, int maxKeys, SkipListener skips) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.detector = detector;
        this.skips = skips;
        int perStripe = Math.max(1, (maxKeys + STRIPES - 1) / STRIPES);
        this.stripes = new Stripe[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>(perStripe, this);
        }
    }

    /** Runs {@code update} on the key's state (created by {@code create} when absent) under the key's stripe lock. */
    public <R> R apply(long key, Supplier<S> create, Function<S, R> update) {
        Stripe<S> stripe = stripe(key);
        synchronized (stripe) {
            S state = stripe.get(key);
            if (state == null) {
                state = create.get();
                stripe.put(key, state);
            }
            return update.apply(state);
        }
    }

    /** Puts a state (restoring a snapshot); counts as the most recent use. */
    public void put(long key, S state) {
        Stripe<S> stripe = stripe(key);
        synchronized (stripe) {
            stripe.put(key, state);
        }
    }

    /** A copy of every key and state, read stripe by stripe; each state is copied under its stripe's lock. */
    public List<Map.Entry<Long, S>> snapshot(Function<S, S> copy) {
        List<Map.Entry<Long, S>> out = new ArrayList<>();
        for (Stripe<S> stripe : stripes) {
            synchronized (stripe) {
                stripe.forEach((key, state) -> out.add(Map.entry(key, copy.apply(state))));
            }
        }
        return out;
    }

    @Override
    public long entries() {
        long total = 0;
        for (Stripe<S> stripe : stripes) {
            synchronized (stripe) {
                total += stripe.size();
            }
        }
        return total;
    }

    public void clear() {
        for (Stripe<S> stripe : stripes) {
            synchronized (stripe) {
                stripe.clear();
            }
        }
    }

    private Stripe<S> stripe(long key) {
        return stripes[(int) ((key ^ (key >>> 32)) & (STRIPES - 1))];
    }

    private void evicted() {
        skips.skipped(detector, "evicted");
    }

    private static final class Stripe<S> extends LinkedHashMap<Long, S> {
        private final int capacity;
        private final transient KeyedState<S> owner;

        Stripe(int capacity, KeyedState<S> owner) {
            super(Math.min(capacity, 1024), 0.75f, true);
            this.capacity = capacity;
            this.owner = owner;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, S> eldest) {
            if (size() > capacity) {
                owner.evicted();
                return true;
            }
            return false;
        }
    }
}
