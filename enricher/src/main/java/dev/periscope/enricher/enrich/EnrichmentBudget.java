package dev.periscope.enricher.enrich;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The per-enricher time budget ({@code ENRICHER_TIMEOUT}). Enrichers run inline on the consumer thread and look up
 * in-memory structures, so the budget is enforced between steps, not by interrupting one: an enricher reads
 * {@link #start()} before its first lookup and asks {@link #exceeded(long)} after each one; once the budget is
 * spent it starts no further lookup and writes nothing, so the event leaves at most one lookup past the budget.
 */
public final class EnrichmentBudget {
    private final long budgetNanos;
    private final LongSupplier nanoTime;

    /** @param nanoTime a monotonic tick source ({@code System::nanoTime}; tests move one by hand) */
    public EnrichmentBudget(Duration budget, LongSupplier nanoTime) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("enricher timeout must be positive: " + budget);
        }
        this.budgetNanos = budget.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public static EnrichmentBudget of(Duration budget) {
        return new EnrichmentBudget(budget, System::nanoTime);
    }

    public long start() {
        return nanoTime.getAsLong();
    }

    public boolean exceeded(long startNanos) {
        return elapsed(startNanos) > budgetNanos;
    }

    public long elapsed(long startNanos) {
        return nanoTime.getAsLong() - startNanos;
    }

    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }
}
