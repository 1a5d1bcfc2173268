package dev.periscope.gateway.filter;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.v1.AccessEvent;

/**
 * The {@link IngestFilter} of the active runtime config, rebuilt and swapped in one volatile write whenever the
 * {@link RuntimeConfigHolder} applies a new version. Callers take {@link #current()} once per entry (or batch);
 * a filter in hand stays consistent even while a swap happens.
 */
@Singleton
public class IngestFilterProvider {
    private volatile IngestFilter current;

    public IngestFilterProvider(RuntimeConfigHolder holder) {
        this.current = IngestFilter.from(holder.current());
        holder.subscribe(config -> current = IngestFilter.from(config));
    }

    public IngestFilter current() {
        return current;
    }

    /**
     * Shorthand for {@code current().dropReason(event)}, so {@code provider::dropReason} can stand wherever a
     * {@code AccessEvent -> Optional<String>} function is expected.
     */
    public Optional<String> dropReason(AccessEvent event) {
        return current.dropReason(event);
    }
}
