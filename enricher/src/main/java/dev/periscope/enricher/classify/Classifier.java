package dev.periscope.enricher.classify;

import java.util.List;

import dev.periscope.model.v1.AccessEvent;

/**
 * The classification pipeline: its stages in order, built once per runtime-config version and swapped whole on a
 * reload (see {@code ClassifierHolder}). Pure and thread-safe.
 */
public final class Classifier {
    private final List<ClassificationStage> stages;

    public Classifier(List<ClassificationStage> stages) {
        this.stages = List.copyOf(stages);
    }

    public AccessEvent classify(AccessEvent raw) {
        EventDraft draft = new EventDraft(raw);
        for (ClassificationStage stage : stages) {
            stage.apply(draft);
        }
        return draft.build();
    }

    public List<String> stageNames() {
        return stages.stream().map(ClassificationStage::name).toList();
    }
}
