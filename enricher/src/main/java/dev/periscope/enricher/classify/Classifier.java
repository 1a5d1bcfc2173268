package dev.periscope.enricher.classify;

import java.util.List;
import java.util.Objects;

import dev.periscope.model.v1.AccessEvent;

/**
 * The classification pipeline: its stages in order, built once per runtime-config version and swapped whole on a
 * reload (see {@link ClassifierHolder}). Thread-safe. A stage that throws anyway is skipped for that event and
 * reported to the {@link StageFailures} listener: one bad stage never loses the event.
 */
public final class Classifier {
    private final List<ClassificationStage> stages;
    private final StageFailures failures;

    public Classifier(List<ClassificationStage> stages, StageFailures failures) {
        this.stages = List.copyOf(stages);
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    public AccessEvent classify(AccessEvent raw) {
        EventDraft draft = new EventDraft(raw);
        for (ClassificationStage stage : stages) {
            try {
                stage.apply(draft);
            } catch (RuntimeException e) {
                failures.failed(stage.name(), e);
            }
        }
        return draft.build();
    }

    public List<String> stageNames() {
        return stages.stream().map(ClassificationStage::name).toList();
    }

    /** Told about every stage that threw; counts it (e.g. {@code enrich_errors_total{stage}}). */
    @FunctionalInterface
    public interface StageFailures {
        void failed(String stage, RuntimeException error);
    }
}
