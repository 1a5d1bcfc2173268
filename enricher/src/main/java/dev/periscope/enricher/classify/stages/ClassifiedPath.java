package dev.periscope.enricher.classify.stages;

import java.util.Locale;

import dev.periscope.enricher.classify.EventDraft;

/**
 * The path the category and probe rules look at: {@code normalized_path} as the path stage wrote it, else the raw
 * path; lower-cased and cut at {@link #MAX_CHARS} characters so that every rule runs in bounded time whatever
 * {@code max_path_bytes} allows.
 */
final class ClassifiedPath {
    /** Characters of a path the rules look at; nothing an API names lies beyond. */
    static final int MAX_CHARS = 8 * 1024;

    private ClassifiedPath() {
    }

    static String normalizedOrRaw(EventDraft draft) {
        String normalized = draft.out().getNormalizedPath();
        return bounded(normalized.isEmpty() ? draft.raw().getPath() : normalized);
    }

    static String raw(EventDraft draft) {
        return bounded(draft.raw().getPath());
    }

    private static String bounded(String path) {
        String cut = path.length() > MAX_CHARS ? path.substring(0, MAX_CHARS) : path;
        return cut.toLowerCase(Locale.ROOT);
    }

    /** The last segment of a path (after the last {@code /}); the whole string when it has none. */
    static String lastSegment(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    }
}
