package dev.periscope.enricher.score;

import java.util.Objects;
import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;

/** The last stage: turns the event's final flag set into {@code risk_score} and {@code posture_score}. */
public final class ScoreStage implements ClassificationStage {
    private final ScoreObserver observer;

    public ScoreStage(ScoreObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public void apply(EventDraft draft) {
        Set<String> flags = draft.flags();
        RiskScores scores = RiskScores.of(flags, observer::unknownFlag);
        draft.out().setRiskScore(scores.risk()).setPostureScore(scores.posture());
        observer.scored(flags, scores);
    }

    /** Told about every scored event (metrics); implementations must be cheap and thread-safe. */
    public interface ScoreObserver {
        void scored(Set<String> flags, RiskScores scores);

        void unknownFlag(String flag);

        ScoreObserver NONE = new ScoreObserver() {
            @Override
            public void scored(Set<String> flags, RiskScores scores) {
            }

            @Override
            public void unknownFlag(String flag) {
            }
        };
    }
}
