package dev.periscope.inventory.rest;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.AUTH_INCONSISTENT;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.periscope.inventory.repository.InventoryEntry;

/**
 * Risk overview of one project, computed from its documents (pure): totals, confirmed vs attack surface, endpoints
 * per risk flag / endpoint category / PII category, a risk-score histogram and the riskiest endpoints.
 */
public record RiskSummary(String project, long endpoints, long confirmed, long attackSurface, long seenTotal,
        Map<String, Long> byRiskFlag, Map<String, Long> byEndpointCategory, Map<String, Long> byPiiCategory,
        Map<String, Long> byRiskBand, List<TopEndpoint> riskiest, boolean truncated) {

    public static final int TOP = 10;

    /** One of the riskiest endpoints. */
    public record TopEndpoint(String id, String method, String host, String normalizedPath, int maxRiskScore,
            List<String> riskFlags, long seenCount) {
    }

    public static RiskSummary of(String project, List<InventoryEntry> entries, boolean truncated) {
        Map<String, Long> flags = new TreeMap<>();
        Map<String, Long> categories = new TreeMap<>();
        Map<String, Long> pii = new TreeMap<>();
        Map<String, Long> bands = new java.util.LinkedHashMap<>();
        for (String band : List.of("none", "low", "medium", "high", "critical")) {
            bands.put(band, 0L);
        }
        long confirmed = 0;
        long seen = 0;
        for (InventoryEntry e : entries) {
            confirmed += e.confirmed ? 1 : 0;
            seen += e.seenCount;
            for (String flag : InventoryView.riskFlags(e)) {
                flags.merge(flag, 1L, Long::sum);
            }
            nullSafe(e.endpointCategories).forEach(c -> categories.merge(c, 1L, Long::sum));
            nullSafe(e.piiCategories).forEach(c -> pii.merge(c, 1L, Long::sum));
            bands.merge(band(e.maxRiskScore), 1L, Long::sum);
        }
        List<TopEndpoint> riskiest = entries.stream()
                .filter(e -> e.maxRiskScore > 0 || !InventoryView.riskFlags(e).isEmpty())
                .sorted(Comparator.comparingInt((InventoryEntry e) -> e.maxRiskScore).reversed()
                        .thenComparing(Comparator.comparingLong((InventoryEntry e) -> e.seenCount).reversed())
                        .thenComparing(e -> e.id))
                .limit(TOP)
                .map(e -> new TopEndpoint(e.id, e.method, e.host, e.normalizedPath, e.maxRiskScore,
                        InventoryView.riskFlags(e), e.seenCount))
                .toList();
        return new RiskSummary(project, entries.size(), confirmed, entries.size() - confirmed, seen, flags, categories,
                pii, bands, riskiest, truncated);
    }

    /** Bands of the 0–100 risk score: 0 none, 1–39 low, 40–69 medium, 70–89 high, 90+ critical. */
    static String band(int score) {
        if (score <= 0) {
            return "none";
        }
        if (score < 40) {
            return "low";
        }
        if (score < 70) {
            return "medium";
        }
        return score < 90 ? "high" : "critical";
    }

    private static List<String> nullSafe(List<String> list) {
        return list == null ? List.of() : list;
    }

    static boolean authInconsistent(InventoryEntry e) {
        return e.authObserved > 0 && e.noauthObserved > 0
                || e.riskFlags != null && e.riskFlags.contains(AUTH_INCONSISTENT);
    }
}
