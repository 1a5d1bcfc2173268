package dev.periscope.kit.runtimeconfig;

import java.util.Map;

/** Where the runtime-configuration document is read from (MongoDB in production, a map in tests). */
@FunctionalInterface
public interface RuntimeConfigSource {
    /**
     * Reads the singleton document; blocking, called on the poller's worker thread only.
     *
     * @return the document, or null when none is stored
     * @throws Exception when the store cannot be read
     */
    Map<String, ?> fetch() throws Exception;

    /** Where the document lives, for logs and {@code /configz} (no credentials). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
