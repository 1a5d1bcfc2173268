package dev.periscope.enricher.classify.stages;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.config.Detection;
import dev.periscope.model.config.PiiDetectors;
import dev.periscope.model.v1.AccessEvent;

/**
 * PII and credentials in the query string, as the gateway reported them (it sees the values; the event carries
 * only categories):
 * <ul>
 * <li>{@code query_pii_categories} {@code email | phone | ssn | credit_card | iban} → the same name in
 * {@code pii_categories} and the {@code pii_observed} flag, each only when its {@code policy.pii_detectors} switch
 * is on ({@code phone} follows {@code phone_international});</li>
 * <li>{@code jwt} → category and flag {@code jwt_in_path}, {@code secret} → category and flag
 * {@code secret_in_path} (the reference's names cover the whole URL, path and query); not PII, so no
 * {@code pii_observed};</li>
 * <li>{@code detection.detect_pii} off reports none of these (the gateway has masked the values anyway);</li>
 * <li>unknown categories are ignored.</li>
 * </ul>
 * Independently of the PII switches, the gateway's {@code credential_in_query} and {@code path_truncated} bools
 * become the flags of the same names.
 * <p>
 * Order: anywhere; put it after the path stage so that {@code pii_categories} lists path findings first.
 */
public final class QueryPiiStage implements ClassificationStage {
    private final boolean detectPii;
    private final PiiDetectors detectors;

    public QueryPiiStage(Detection detection, PiiDetectors detectors) {
        this.detectPii = detection.detectPii();
        this.detectors = detectors;
    }

    @Override
    public String name() {
        return "query_pii";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        if (raw.getCredentialInQuery()) {
            draft.flag(Flags.CREDENTIAL_IN_QUERY);
        }
        if (raw.getPathTruncated()) {
            draft.flag(Flags.PATH_TRUNCATED);
        }
        if (!detectPii) {
            return;
        }
        for (String category : raw.getQueryPiiCategoriesList()) {
            switch (category) {
                case "email" -> personal(draft, category, detectors.email());
                case "phone" -> personal(draft, category, detectors.phoneInternational());
                case "ssn" -> personal(draft, category, detectors.ssn());
                case "credit_card" -> personal(draft, category, detectors.creditCard());
                case "iban" -> personal(draft, category, detectors.iban());
                case "jwt" -> credential(draft, Flags.JWT_IN_PATH);
                case "secret" -> credential(draft, Flags.SECRET_IN_PATH);
                default -> {
                    // a category this version does not know: ignored, never guessed
                }
            }
        }
    }

    private static void personal(EventDraft draft, String category, boolean reported) {
        if (reported) {
            draft.piiCategory(category);
            draft.flag(Flags.PII_OBSERVED);
        }
    }

    private static void credential(EventDraft draft, String name) {
        draft.piiCategory(name);
        draft.flag(name);
    }
}
