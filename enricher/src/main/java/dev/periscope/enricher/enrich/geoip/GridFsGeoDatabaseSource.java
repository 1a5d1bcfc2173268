package dev.periscope.enricher.enrich.geoip;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.bson.BsonValue;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/** Databases uploaded to a GridFS bucket ({@code GEOIP_GRIDFS_BUCKET}): the newest file of a name wins. */
public final class GridFsGeoDatabaseSource implements GeoDatabaseSource {
    private final GridFSBucket bucket;

    public GridFsGeoDatabaseSource(GridFSBucket bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public Optional<Upload> latest(String fileName) {
        GridFSFile file = bucket.find(Filters.eq("filename", fileName)).sort(Sorts.descending("uploadDate"))
                .limit(1).first();
        if (file == null) {
            return Optional.empty();
        }
        BsonValue id = file.getId();
        Instant uploaded = file.getUploadDate() == null ? Instant.EPOCH : file.getUploadDate().toInstant();
        return Optional.of(new Upload(fileSafeId(id), fileName, uploaded, file.getLength(), id));
    }

    @Override
    public void download(Upload upload, OutputStream out) {
        bucket.downloadToStream((BsonValue) upload.handle(), out);
    }

    private static String fileSafeId(BsonValue id) {
        if (id.isObjectId()) {
            return id.asObjectId().getValue().toHexString();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
