package dev.periscope.enricher.enrich.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import com.maxmind.db.Reader;

/** One verified, memory-mapped database file, its reader, and the upload it came from. */
public record ActiveDatabase(GeoDatabaseKind kind, String uploadId, Reader reader, Path file) {
    private static final Logger LOG = Logger.getLogger(ActiveDatabase.class);

    /** Closes the reader (unmapping the file) and deletes the cache file; never throws. */
    void retire() {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("geoip: closing %s database %s failed: %s", kind.tag(), uploadId, e.toString());
        }
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("geoip: deleting %s failed: %s", file, e.toString());
        }
    }
}
