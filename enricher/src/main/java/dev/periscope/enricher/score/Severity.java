package dev.periscope.enricher.score;

/** A risk flag's severity and the weight it adds to a score (the collector reference's weights). */
public enum Severity {
    INFO(0), LOW(1), MEDIUM(4), HIGH(7), CRITICAL(10);

    private final int weight;

    Severity(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
