package dev.periscope.enricher.classify.path;

import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a segment sits: {@code (project, listener, method, parent path, index)}. The parent path is the already
 * normalized prefix, so {@code /users/ab12/orders/x9y8} learns its last segment under {@code /users/{id}/orders}
 * once the first one is learned.
 */
public record PathPosition(String projectId, String listener, String method, String parentPath, int index) {
    public PathPosition {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(parentPath, "parentPath");
    }

    /** Stable 16-hex id: the MongoDB {@code _id} of the position and its key in memory. */
    public String id() {
        return id(projectId, listener, method, parentPath, index);
    }

    static String id(String projectId, String listener, String method, String parentPath, int index) {
        return HexFormat.of().toHexDigits(Hashing.fnv64(projectId, listener, method, parentPath,
                Integer.toString(index)));
    }
}
