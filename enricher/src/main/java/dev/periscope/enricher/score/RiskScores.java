package dev.periscope.enricher.score;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * The two scores of one event, from its flags (reference §1.8). Threat: the heaviest threat flag plus a quarter of
 * the others' weights (integer division), so one critical finding dominates and many small ones add up slowly.
 * Exposure: the plain sum. Both clamped to 255 (the stores keep them as UInt8). Unknown flags weigh nothing and
 * are reported to {@code unknownFlag}.
 */
public record RiskScores(int risk, int posture) {
    public static final int MAX = 255;

    public static RiskScores of(Collection<String> flags, Consumer<String> unknownFlag) {
        int threatMax = 0;
        int threatSum = 0;
        int exposureSum = 0;
        for (String flag : flags) {
            FlagCatalog.Entry entry = FlagCatalog.entry(flag).orElse(null);
            if (entry == null) {
                unknownFlag.accept(flag);
                continue;
            }
            int weight = entry.severity().weight();
            if (entry.axis() == Axis.THREAT) {
                threatSum += weight;
                threatMax = Math.max(threatMax, weight);
            } else {
                exposureSum += weight;
            }
        }
        int risk = threatMax + (threatSum - threatMax) / 4;
        return new RiskScores(Math.min(MAX, risk), Math.min(MAX, exposureSum));
    }
}
