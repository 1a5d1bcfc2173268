package dev.periscope.enricher.classify.path;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.config.PathNormalization;
import dev.periscope.model.config.PiiDetectors;
import dev.periscope.model.config.Policy;
import dev.periscope.model.pii.PiiCategory;
import dev.periscope.model.v1.AccessEvent;

/**
 * Writes {@code normalized_path} and the path's privacy findings:
 * <ul>
 *   <li>{@code {secret}} → flag and category {@code secret_in_path};</li>
 *   <li>{@code {token}} outside e-mailed-link paths → flag and category {@code jwt_in_path};</li>
 *   <li>{@code {pii}} whose gates allow a report and whose {@code pii_detectors} switch is on → its category
 *       ({@code email}, {@code phone}, {@code ssn}, {@code credit_card}, {@code iban}) and flag
 *       {@code pii_observed}. A switched-off or gated hit is still masked, only not reported.</li>
 * </ul>
 * Built per runtime-config version; the learned shapes and the gap detector are passed in and outlive it.
 */
public final class PathStage implements ClassificationStage {
    public static final String NAME = "path";
    /** Reported as PII categories too, as the reference's newer generation does. */
    public static final String SECRET_IN_PATH_CATEGORY = Flags.SECRET_IN_PATH;
    public static final String JWT_IN_PATH_CATEGORY = Flags.JWT_IN_PATH;

    private final PathTemplater templater;
    private final PiiDetectors detectors;

    /**
     * @param learned shared learned-shape state (null: no learned templating)
     * @param gaps    shared gap detector (null: no gap detection)
     */
    public PathStage(PathNormalization normalization, PiiDetectors detectors, LearnedPathShapes learned,
            NormalizeGapDetector gaps) {
        this.templater = new PathTemplater(normalization, learned, gaps);
        this.detectors = detectors;
    }

    public static PathStage of(Policy policy, LearnedPathShapes learned, NormalizeGapDetector gaps) {
        return new PathStage(policy.pathNormalization(), policy.piiDetectors(), learned, gaps);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        NormalizedPath result = templater.normalize(raw.getProjectId(), raw.getListenerName(), raw.getMethod(),
                raw.getPath());
        draft.out().setNormalizedPath(result.path());
        if (result.secretInPath()) {
            draft.flag(Flags.SECRET_IN_PATH);
            draft.piiCategory(SECRET_IN_PATH_CATEGORY);
        }
        if (result.jwtInPath()) {
            draft.flag(Flags.JWT_IN_PATH);
            draft.piiCategory(JWT_IN_PATH_CATEGORY);
        }
        boolean reported = false;
        for (PiiCategory category : PiiCategory.values()) {
            if (result.piiCategories().contains(category) && enabled(category)) {
                draft.piiCategory(category.wireName());
                reported = true;
            }
        }
        if (reported) {
            draft.flag(Flags.PII_OBSERVED);
        }
    }

    private boolean enabled(PiiCategory category) {
        return switch (category) {
            case EMAIL -> detectors.email();
            case PHONE -> detectors.phoneInternational();
            case SSN -> detectors.ssn();
            case CREDIT_CARD -> detectors.creditCard();
            case IBAN -> detectors.iban();
        };
    }
}
