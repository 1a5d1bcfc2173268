package dev.periscope.enricher.enrich.geoip;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

/** Where uploaded databases come from (GridFS in the service, a map in tests). */
public interface GeoDatabaseSource {

    /** The newest upload named {@code fileName}, if any. */
    Optional<Upload> latest(String fileName);

    /** Writes the upload's bytes to {@code out}. */
    void download(Upload upload, OutputStream out) throws IOException;

    /**
     * One stored file. {@code id} is file-system safe (the GridFS ObjectId in hex) and changes with every upload;
     * {@code handle} is whatever the source needs to fetch it.
     */
    record Upload(String id, String fileName, Instant uploadedAt, long length, Object handle) {
    }
}
