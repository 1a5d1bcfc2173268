package dev.periscope.enricher.detect;

/**
 * The object a request addresses, as a hash of the raw values at the templated path's object-id positions
 * ({@code {id}}, {@code {uuid}}, {@code {objectid}}, {@code {ulid}}, {@code {pii}}). A path without such a position
 * addresses no object. When raw and templated paths do not line up segment by segment, the whole raw path is the
 * object.
 */
final class ObjectIds {
    private static final String[] PLACEHOLDERS = {"{id}", "{uuid}", "{objectid}", "{ulid}", "{pii}"};

    private ObjectIds() {
    }

    static boolean addressesObject(String template) {
        for (String placeholder : PLACEHOLDERS) {
            if (template.contains(placeholder)) {
                return true;
            }
        }
        return false;
    }

    /** Seeded in-memory hash of the template plus the raw values at its id positions (they may be personal data). */
    static long objectKey(String template, String rawPath) {
        String[] templateSegments = template.split("/", -1);
        String[] rawSegments = rawPath.split("/", -1);
        if (templateSegments.length != rawSegments.length) {
            return Keys.volatileKey(template, rawPath);
        }
        StringBuilder ids = new StringBuilder(rawPath.length());
        for (int i = 0; i < templateSegments.length; i++) {
            if (addressesObject(templateSegments[i])) {
                ids.append(rawSegments[i]).append('/');
            }
        }
        return Keys.volatileKey(template, ids.toString());
    }
}
