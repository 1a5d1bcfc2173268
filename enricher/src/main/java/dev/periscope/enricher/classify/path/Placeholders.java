package dev.periscope.enricher.classify.path;

import java.util.Set;

/** The fixed placeholder set of {@code normalized_path}; operators may produce only the first six. */
public final class Placeholders {
    public static final String ID = "{id}";
    public static final String UUID = "{uuid}";
    public static final String OBJECTID = "{objectid}";
    public static final String ULID = "{ulid}";
    public static final String TOKEN = "{token}";
    public static final String DYNAMIC = "{dynamic}";
    public static final String SECRET = "{secret}";
    public static final String TRAVERSAL = "{traversal}";
    public static final String PII = "{pii}";

    public static final Set<String> ALL = Set.of(ID, UUID, OBJECTID, ULID, TOKEN, DYNAMIC, SECRET, TRAVERSAL, PII);

    private Placeholders() {
    }

    /** A segment that is already exactly a placeholder stays as it is (normalization is idempotent). */
    static boolean isPlaceholder(String segment) {
        return segment.length() >= 4 && segment.charAt(0) == '{' && ALL.contains(segment);
    }
}
