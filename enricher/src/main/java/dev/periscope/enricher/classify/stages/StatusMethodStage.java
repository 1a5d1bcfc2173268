package dev.periscope.enricher.classify.stages;

import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.v1.AccessEvent;

/**
 * Flags from the status code and the method:
 * <ul>
 * <li>{@code error_status}: 500–599; {@code client_error_status}: 400–499;</li>
 * <li>{@code unsafe_method_on_readonly}: {@code PUT}, {@code PATCH} or {@code DELETE} answered 2xx on something that
 * is read-only by nature — an endpoint of category {@code api_docs} or {@code metadata_leak}, or a static asset
 * (the path ends in an asset extension such as {@code .js}, {@code .png}, {@code .html}). The server accepted a
 * write where none should exist. {@code POST} is not included: forms and GraphQL post to many paths.</li>
 * </ul>
 * Order: after {@link EndpointCategoryStage} (reads {@code endpoint_categories}).
 */
public final class StatusMethodStage implements ClassificationStage {
    private static final Set<String> UNSAFE_METHODS = Set.of("PUT", "PATCH", "DELETE");

    @Override
    public String name() {
        return "status_method";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        int status = raw.getStatusCode();
        if (status >= 500 && status <= 599) {
            draft.flag(Flags.ERROR_STATUS);
        } else if (status >= 400 && status <= 499) {
            draft.flag(Flags.CLIENT_ERROR_STATUS);
        }
        if (status >= 200 && status <= 299 && UNSAFE_METHODS.contains(raw.getMethod()) && isReadOnly(draft)) {
            draft.flag(Flags.UNSAFE_METHOD_ON_READONLY);
        }
    }

    private static boolean isReadOnly(EventDraft draft) {
        Set<String> categories = draft.endpointCategories();
        return categories.contains(EndpointCategoryStage.API_DOCS)
                || categories.contains(EndpointCategoryStage.METADATA_LEAK)
                || StaticContent.isAssetPath(ClassifiedPath.raw(draft));
    }
}
