package dev.periscope.inventory.rest;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.AUTH_INCONSISTENT;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.periscope.inventory.repository.InventoryEntry;

/**
 * One endpoint as the read API shows it: the stored document plus what is derived at read time
 * ({@code auth_inconsistent}: authenticated and anonymous requests both seen; it is then also listed in
 * {@code risk_flags}).
 */
public record InventoryView(@JsonUnwrapped InventoryEntry entry,
        @JsonProperty("auth_inconsistent") boolean authInconsistent) {

    public static InventoryView of(InventoryEntry entry) {
        boolean inconsistent = RiskSummary.authInconsistent(entry);
        entry.riskFlags = riskFlags(entry);
        return new InventoryView(entry, inconsistent);
    }

    /** Stored flags plus {@code auth_inconsistent} when derived. */
    static List<String> riskFlags(InventoryEntry e) {
        List<String> flags = new ArrayList<>(e.riskFlags == null ? List.of() : e.riskFlags);
        if (e.authObserved > 0 && e.noauthObserved > 0 && !flags.contains(AUTH_INCONSISTENT)) {
            flags.add(AUTH_INCONSISTENT);
        }
        return flags;
    }
}
