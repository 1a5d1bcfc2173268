package dev.periscope.readiness.checklist;

/** The state of one checklist item or of one piece of its evidence. */
public enum ItemStatus {
    PASS, WARN, FAIL, UNKNOWN;

    /** Combines evidence: a fail outweighs a warn, a warn outweighs unknown, unknown outweighs pass. */
    static ItemStatus worst(ItemStatus a, ItemStatus b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(ItemStatus status) {
        return switch (status) {
            case PASS -> 0;
            case UNKNOWN -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
