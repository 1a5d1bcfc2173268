package dev.periscope.enricher.enrich.geoip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.maxmind.db.CHMCache;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;

/**
 * Opens a database file (memory-mapped, with a bounded cache of decoded records) and proves it usable before it
 * may serve lookups: the MaxMind metadata parses, the database type is the expected kind, the records of the first {@link #SAMPLED_NETWORKS} networks decode, and a
 * fixed set of probe addresses (IPv4 and IPv6, public) looks up without error. Corruption deeper in a file that
 * passes is caught at lookup time (counted as {@code result=error}).
 */
public final class GeoDatabaseVerifier {
    static final int SAMPLED_NETWORKS = 1_000;
    /**
     * Decoded records kept per reader (by data offset; many networks share one record): decoding a City record is
     * most of a lookup's cost. The cache stops growing when full (no eviction), so its memory is bounded.
     */
    static final int DECODED_RECORDS_CACHED = 16_384;
    private static final List<InetAddress> PROBES = probes("1.1.1.1", "8.8.8.8", "81.2.69.142", "1.128.0.1",
            "89.160.20.112", "2001:4860:4860::8888", "2a02:1200::1", "2001:218::1");

    private GeoDatabaseVerifier() {
    }

    /**
     * A memory-mapped reader over {@code file} for the stage's slim records ({@link GeoRecords}); the caller owns
     * it. Verification decodes the probes with GeoIP2's full model ({@code DatabaseReader}) as well, so a record
     * that only the full model would trip over is refused here too.
     */
    public static Reader open(Path file, GeoDatabaseKind kind) throws InvalidGeoDatabaseException {
        verifyWithFullModel(file, kind);
        Reader reader;
        try {
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache(DECODED_RECORDS_CACHED));
        } catch (IOException | RuntimeException e) {
            throw new InvalidGeoDatabaseException("not a MaxMind database: " + e.getMessage(), e);
        }
        try {
            Class<?> record = kind == GeoDatabaseKind.CITY ? GeoRecords.CityRecord.class : GeoRecords.AsnRecord.class;
            for (InetAddress probe : PROBES) {
                reader.get(probe, record);
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw new InvalidGeoDatabaseException("unreadable records: " + e.getMessage(), e);
        }
    }

    private static void verifyWithFullModel(Path file, GeoDatabaseKind kind) throws InvalidGeoDatabaseException {
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(file.toFile()).fileMode(Reader.FileMode.MEMORY_MAPPED).build();
        } catch (IOException | RuntimeException e) {
            throw new InvalidGeoDatabaseException("not a MaxMind database: " + e.getMessage(), e);
        }
        try {
            String type = reader.metadata().databaseType();
            if (!kind.accepts(type)) {
                throw new InvalidGeoDatabaseException("database type '" + type + "' is not a " + kind.tag()
                        + " database", null);
            }
            sampleNetworks(file);
            for (InetAddress probe : PROBES) {
                if (kind == GeoDatabaseKind.CITY) {
                    reader.tryCity(probe);
                } else {
                    reader.tryAsn(probe);
                }
            }
        } catch (IOException | GeoIp2Exception | InvalidNetworkException | RuntimeException e) {
            throw new InvalidGeoDatabaseException("unreadable records: " + e.getMessage(), e);
        } finally {
            closeQuietly(reader);
        }
    }

    /** Decodes the first records in a reader of its own, so they do not fill the serving reader's cache. */
    @SuppressWarnings("rawtypes")
    private static void sampleNetworks(Path file) throws IOException, InvalidNetworkException {
        try (Reader sampler = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            Networks<Map> networks = sampler.networks(Map.class);
            for (int i = 0; i < SAMPLED_NETWORKS && networks.hasNext(); i++) {
                networks.next();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable reader) {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            // verification is over or already failing; the cause, if any, is reported
        }
    }

    private static List<InetAddress> probes(String... literals) {
        try {
            InetAddress[] out = new InetAddress[literals.length];
            for (int i = 0; i < literals.length; i++) {
                out[i] = InetAddress.getByName(literals[i]); // literals: parsed, never resolved
            }
            return List.of(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a database file was refused; the last-good database stays active. */
    public static final class InvalidGeoDatabaseException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidGeoDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
