package dev.periscope.enricher.enrich.geoip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.maxmind.db.Reader;

import dev.periscope.enricher.enrich.geoip.GeoDatabaseSource.Upload;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseVerifier.InvalidGeoDatabaseException;
import dev.periscope.kit.schedule.BackgroundJobs;

/**
 * Keeps the GeoIP databases in step with the uploads in the source (GridFS), on one daemon thread. Per kind and
 * poll: when the newest upload differs from the active one (and from the last rejected one), it is downloaded into
 * the cache directory as {@code <kind>-<id>.mmdb.part}, verified ({@link GeoDatabaseVerifier}), renamed to
 * {@code <kind>-<id>.mmdb} and swapped in; the database it replaces is closed and deleted after the grace period.
 * A corrupt upload is deleted, counted in {@link #rejections(GeoDatabaseKind)}, logged once, and not fetched again
 * until a newer upload appears; the last-good database stays. At start-up {@link #loadCached()} serves the
 * verified files already in the cache directory, so lookups work before (or without) the first successful poll.
 */
public final class GeoDatabaseSync implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GeoDatabaseSync.class);
    private static final String SUFFIX = ".mmdb";
    private static final String PART_SUFFIX = ".mmdb.part";

    private final GeoDatabaseSource source;
    private final Path cacheDir;
    private final GeoDatabaseHolder holder;
    private final Map<GeoDatabaseKind, String> rejectedIds = new EnumMap<>(GeoDatabaseKind.class);
    private final Map<GeoDatabaseKind, AtomicLong> rejections = new EnumMap<>(GeoDatabaseKind.class);
    private final AtomicLong syncFailures = new AtomicLong();
    private boolean sourceFailing;
    private final BackgroundJobs jobs = new BackgroundJobs("geoip-sync", true, Duration.ofSeconds(10));

    public GeoDatabaseSync(GeoDatabaseSource source, Path cacheDir, GeoDatabaseHolder holder) {
        this.source = Objects.requireNonNull(source, "source");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.holder = Objects.requireNonNull(holder, "holder");
        for (GeoDatabaseKind kind : GeoDatabaseKind.values()) {
            rejections.put(kind, new AtomicLong());
        }
    }

    /** Serves the newest verified cache file of each kind; deletes older, partial and unusable ones. */
    public synchronized void loadCached() {
        if (!ensureCacheDir()) {
            return;
        }
        for (GeoDatabaseKind kind : GeoDatabaseKind.values()) {
            List<Path> files = cacheFiles(kind);
            files.sort(Comparator.comparing(GeoDatabaseSync::modified).reversed());
            boolean served = holder.get().get(kind) != null;
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(PART_SUFFIX) && !name.endsWith(SUFFIX)) {
                    continue; // not ours
                }
                if (name.endsWith(PART_SUFFIX) || served) {
                    deleteQuietly(file);
                    continue;
                }
                String id = name.substring(kind.tag().length() + 1, name.length() - SUFFIX.length());
                try {
                    Reader reader = GeoDatabaseVerifier.open(file, kind);
                    holder.install(new ActiveDatabase(kind, id, reader, file));
                    served = true;
                    LOG.infof("geoip: serving cached %s database %s (%s)", kind.tag(), id,
                            reader.getMetadata().databaseType());
                } catch (InvalidGeoDatabaseException e) {
                    LOG.warnf("geoip: cached %s is unusable (%s); deleted", file, e.getMessage());
                    deleteQuietly(file);
                }
            }
        }
    }

    /** One poll: fetches and swaps in new uploads, closes retired databases. Never throws. */
    public synchronized void syncNow() {
        try {
            if (ensureCacheDir()) {
                for (GeoDatabaseKind kind : GeoDatabaseKind.values()) {
                    syncKind(kind);
                }
            }
        } catch (RuntimeException | IOException e) {
            syncFailures.incrementAndGet();
            if (!sourceFailing) {
                sourceFailing = true;
                LOG.warnf("geoip: database sync failed (%s); keeping the active databases, retrying next poll",
                        e.toString());
            }
            return;
        } finally {
            holder.closeRetired();
        }
        if (sourceFailing) {
            sourceFailing = false;
            LOG.info("geoip: database sync works again");
        }
    }

    private void syncKind(GeoDatabaseKind kind) throws IOException {
        Optional<Upload> latest = source.latest(kind.gridFsName());
        if (latest.isEmpty()) {
            return;
        }
        Upload upload = latest.get();
        ActiveDatabase active = holder.get().get(kind);
        if ((active != null && active.uploadId().equals(upload.id())) || upload.id().equals(rejectedIds.get(kind))) {
            return;
        }
        Path part = cacheDir.resolve(kind.tag() + "-" + upload.id() + PART_SUFFIX);
        Path target = cacheDir.resolve(kind.tag() + "-" + upload.id() + SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                source.download(upload, out);
            }
            Reader reader = GeoDatabaseVerifier.open(part, kind);
            // the mapping follows the inode: the reader keeps working after the rename
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            holder.install(new ActiveDatabase(kind, upload.id(), reader, target));
            rejectedIds.remove(kind);
            LOG.infof("geoip: %s database %s (%d bytes, uploaded %s, %s) is active", kind.tag(), upload.id(),
                    upload.length(), upload.uploadedAt(), reader.getMetadata().databaseType());
        } catch (InvalidGeoDatabaseException e) {
            rejectedIds.put(kind, upload.id());
            rejections.get(kind).incrementAndGet();
            LOG.warnf("geoip: rejected %s upload %s (%s); the last-good database stays", kind.gridFsName(),
                    upload.id(), e.getMessage());
        } finally {
            deleteQuietly(part);
        }
    }

    public synchronized void start(Duration pollInterval) {
        if (jobs.started()) {
            return;
        }
        jobs.schedule(this::syncNow, Duration.ZERO, pollInterval);
        LOG.infof("geoip: syncing databases into %s every %s", cacheDir.toAbsolutePath(), pollInterval);
    }

    @Override
    public void close() {
        jobs.close();
    }

    public long rejections(GeoDatabaseKind kind) {
        return rejections.get(kind).get();
    }

    public long syncFailures() {
        return syncFailures.get();
    }

    private boolean ensureCacheDir() {
        try {
            Files.createDirectories(cacheDir);
            return true;
        } catch (IOException e) {
            syncFailures.incrementAndGet();
            if (!sourceFailing) {
                sourceFailing = true;
                LOG.errorf("geoip: cache directory %s is not usable (%s); GeoIP stays without databases",
                        cacheDir.toAbsolutePath(), e.toString());
            }
            return false;
        }
    }

    private List<Path> cacheFiles(GeoDatabaseKind kind) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(cacheDir, kind.tag() + "-*")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.warnf("geoip: listing %s failed: %s", cacheDir, e.toString());
        }
        return files;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("geoip: could not delete %s: %s", file, e.toString());
        }
    }
}
