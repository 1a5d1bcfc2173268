package dev.periscope.enricher.classify;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/**
 * The enriched event while the stages build it: the untouched raw event, a builder for the output, and the sets
 * (flags, categories, schemes) that several stages add to. {@link #build()} writes the sets in insertion order.
 * One draft per event, used by one thread.
 */
public final class EventDraft {
    private final AccessEvent raw;
    private final AccessEvent.Builder out;
    private final Set<String> flags = new LinkedHashSet<>();
    private final Set<String> piiCategories = new LinkedHashSet<>();
    private final Set<String> endpointCategories = new LinkedHashSet<>();
    private final Set<String> authSchemes = new LinkedHashSet<>();

    public EventDraft(AccessEvent raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.out = raw.toBuilder().setStage(EventStage.EVENT_STAGE_ENRICHED);
        flags.addAll(raw.getRiskFlagsList());
    }

    /** The event as the gateway published it; never modified. */
    public AccessEvent raw() {
        return raw;
    }

    /** The output under construction (scalar fields, tags); the sets below are written by {@link #build()}. */
    public AccessEvent.Builder out() {
        return out;
    }

    public void flag(String flag) {
        flags.add(flag);
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public Set<String> flags() {
        return Set.copyOf(flags);
    }

    public void piiCategory(String category) {
        piiCategories.add(category);
    }

    public Set<String> piiCategories() {
        return Set.copyOf(piiCategories);
    }

    public void endpointCategory(String category) {
        endpointCategories.add(category);
    }

    public Set<String> endpointCategories() {
        return Set.copyOf(endpointCategories);
    }

    public void authScheme(String scheme) {
        authSchemes.add(scheme);
    }

    public Set<String> authSchemes() {
        return Set.copyOf(authSchemes);
    }

    public void tag(String key, String value) {
        out.putTags(key, value);
    }

    public AccessEvent build() {
        return out.clearRiskFlags().addAllRiskFlags(flags)
                .clearPiiCategories().addAllPiiCategories(piiCategories)
                .clearEndpointCategories().addAllEndpointCategories(endpointCategories)
                .clearAuthSchemes().addAllAuthSchemes(authSchemes)
                .build();
    }
}
