package dev.periscope.inventory.rest;

import java.time.Instant;
import java.util.List;

/**
 * One validated list query of the read API (see {@link InventoryQueryParser}); absent filters are null or empty.
 */
public record InventoryQuery(String project, List<String> methods, String protocol, String riskFlag,
        String endpointCategory, String piiCategory, String hostPrefix, String pathPrefix, Integer minRisk,
        Integer maxRisk, Long minSeen, Instant lastSeenFrom, Instant lastSeenTo, Boolean confirmed, Sort sort,
        boolean ascending, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 100_000;

    /** Sort keys, by their query-parameter value; ties break on {@code _id} so pages are stable. */
    public enum Sort {
        LAST_SEEN("last_seen"), FIRST_SEEN("first_seen"), SEEN_COUNT("seen_count"),
        MAX_RISK_SCORE("max_risk_score"), MAX_POSTURE_SCORE("max_posture_score"), PATH("normalized_path");

        private final String field;

        Sort(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }

        static Sort of(String value) {
            for (Sort sort : values()) {
                if (sort.field.equals(value)) {
                    return sort;
                }
            }
            return null;
        }
    }

    /** The same query restricted to unconfirmed endpoints (the attack surface). */
    public InventoryQuery unconfirmedOnly() {
        return new InventoryQuery(project, methods, protocol, riskFlag, endpointCategory, piiCategory, hostPrefix,
                pathPrefix, minRisk, maxRisk, minSeen, lastSeenFrom, lastSeenTo, false, sort, ascending, limit,
                offset);
    }
}
