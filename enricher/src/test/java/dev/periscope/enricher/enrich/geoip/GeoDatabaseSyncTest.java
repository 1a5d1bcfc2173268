package dev.periscope.enricher.enrich.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.periscope.enricher.enrich.EnrichmentCounters;
import dev.periscope.enricher.enrich.TestSupport;
import dev.periscope.model.testing.MutableClock;

/** The GridFS → cache → atomic swap cycle over an in-memory source and a clock moved by hand. */
class GeoDatabaseSyncTest {
    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MemorySource source = new MemorySource();
    private GeoDatabaseHolder holder = new GeoDatabaseHolder(clock, GRACE);

    @AfterEach
    void closeHolder() {
        holder.close();
    }

    @Test
    void firstPollInstallsBothDatabasesFromTheirUploads() throws IOException {
        source.upload("city.mmdb", "c1", file("GeoIP2-City-Test.mmdb"));
        source.upload("asn.mmdb", "a1", file("GeoLite2-ASN-Test.mmdb"));
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);

        sync.syncNow();

        assertThat(holder.get().city().uploadId()).isEqualTo("c1");
        assertThat(holder.get().asn().uploadId()).isEqualTo("a1");
        assertThat(cacheFiles()).containsExactlyInAnyOrder("city-c1.mmdb", "asn-a1.mmdb");
        assertThat(tags("67.43.156.1")).containsEntry("geo.country", "BT").containsEntry("geo.asn", "35908");
    }

    @Test
    void anUnchangedUploadIsNotFetchedAgain() throws IOException {
        source.upload("city.mmdb", "c1", file("GeoIP2-City-Test.mmdb"));
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);
        sync.syncNow();
        ActiveDatabase first = holder.get().city();

        sync.syncNow();

        assertThat(source.downloads).isEqualTo(1);
        assertThat(holder.get().city()).isSameAs(first);
    }

    @Test
    void corruptUploadIsRejectedOnceAndTheLastGoodStays() throws IOException {
        source.upload("city.mmdb", "good", file("GeoIP2-City-Test.mmdb"));
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);
        sync.syncNow();

        source.upload("city.mmdb", "broken", file("GeoIP2-City-Test-Broken-Double-Format.mmdb"));
        sync.syncNow();
        sync.syncNow(); // the same broken upload is neither fetched nor counted again

        assertThat(sync.rejections(GeoDatabaseKind.CITY)).isEqualTo(1);
        assertThat(source.downloads).isEqualTo(2);
        assertThat(holder.get().city().uploadId()).isEqualTo("good");
        assertThat(cacheFiles()).containsExactly("city-good.mmdb");
        assertThat(tags("81.2.69.142")).containsEntry("geo.city", "London");

        source.upload("city.mmdb", "fixed", file("GeoIP2-City-Test.mmdb"));
        sync.syncNow();

        assertThat(holder.get().city().uploadId()).isEqualTo("fixed");
        assertThat(sync.rejections(GeoDatabaseKind.CITY)).isEqualTo(1);
    }

    @Test
    void garbageAndTheWrongKindOfDatabaseAreRejected() throws IOException {
        source.upload("city.mmdb", "garbage", "definitely not an mmdb file".repeat(100)
                .getBytes(StandardCharsets.UTF_8));
        source.upload("asn.mmdb", "city-as-asn", file("GeoIP2-City-Test.mmdb"));
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);

        sync.syncNow();

        assertThat(sync.rejections(GeoDatabaseKind.CITY)).isEqualTo(1);
        assertThat(sync.rejections(GeoDatabaseKind.ASN)).isEqualTo(1);
        assertThat(holder.get().isEmpty()).isTrue();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void theReplacedDatabaseIsClosedAndDeletedOnlyAfterTheGracePeriod() throws Exception {
        source.upload("city.mmdb", "v1", file("GeoIP2-City-Test.mmdb"));
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);
        sync.syncNow();
        ActiveDatabase old = holder.get().city();

        source.upload("city.mmdb", "v2", file("GeoIP2-City-Test.mmdb"));
        sync.syncNow();

        assertThat(holder.get().city().uploadId()).isEqualTo("v2");
        assertThat(holder.retiredPending()).isEqualTo(1);
        // a lookup that still holds the old reference keeps working during the grace period
        assertThat(old.reader().get(InetAddress.getByName("81.2.69.142"), GeoRecords.CityRecord.class)).isNotNull();
        assertThat(cacheFiles()).containsExactlyInAnyOrder("city-v1.mmdb", "city-v2.mmdb");

        clock.advance(GRACE.minusMillis(1));
        assertThat(holder.closeRetired()).isZero();
        clock.advance(Duration.ofMillis(1));
        sync.syncNow(); // each poll closes what is due

        assertThat(holder.retiredPending()).isZero();
        assertThat(cacheFiles()).containsExactly("city-v2.mmdb");
        assertThatThrownBy(() -> old.reader().get(InetAddress.getByName("81.2.69.142"), GeoRecords.CityRecord.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRestartServesTheCachedFilesWithoutTheSource() throws IOException {
        source.upload("city.mmdb", "c1", file("GeoIP2-City-Test.mmdb"));
        source.upload("asn.mmdb", "a1", file("GeoLite2-ASN-Test.mmdb"));
        new GeoDatabaseSync(source, cacheDir, holder).syncNow();
        holder.close();
        Files.write(cacheDir.resolve("city-half.mmdb.part"), new byte[] {1, 2, 3});

        holder = new GeoDatabaseHolder(clock, GRACE);
        GeoDatabaseSync restarted = new GeoDatabaseSync(new FailingSource(), cacheDir, holder);
        restarted.loadCached();
        restarted.syncNow();

        assertThat(holder.get().city().uploadId()).isEqualTo("c1");
        assertThat(holder.get().asn().uploadId()).isEqualTo("a1");
        assertThat(cacheFiles()).containsExactlyInAnyOrder("city-c1.mmdb", "asn-a1.mmdb");
        assertThat(restarted.syncFailures()).isEqualTo(1);
        assertThat(tags("1.128.0.1")).containsEntry("geo.asn_org", "Telstra Pty Ltd");
    }

    @Test
    void aCorruptCacheFileIsDroppedAtStart() throws IOException {
        Files.write(cacheDir.resolve("city-bad.mmdb"), file("GeoIP2-City-Test-Broken-Double-Format.mmdb"));

        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);
        sync.loadCached();

        assertThat(holder.get().isEmpty()).isTrue();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void noUploadAtAllLeavesGeoIpWithoutDatabases() {
        GeoDatabaseSync sync = new GeoDatabaseSync(source, cacheDir, holder);

        sync.syncNow();

        assertThat(holder.get().isEmpty()).isTrue();
        EnrichmentCounters counters = new EnrichmentCounters();
        TestSupport.run("81.2.69.142", new GeoIpStage(holder, TestSupport.frozenBudget(), counters));
        assertThat(counters.geoLookups(GeoLookupResult.NO_DATABASE)).isEqualTo(1);
    }

    private Map<String, String> tags(String ip) {
        return TestSupport.run(ip, new GeoIpStage(holder, TestSupport.frozenBudget(), new EnrichmentCounters()))
                .build().getTagsMap();
    }

    private List<String> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(TestSupport.geoipFile(name));
    }

    /** Uploads by name; the newest one wins, as in GridFS. */
    private static final class MemorySource implements GeoDatabaseSource {
        private final Map<String, Upload> latest = new HashMap<>();
        private final Map<String, byte[]> contents = new HashMap<>();
        int downloads;

        void upload(String name, String id, byte[] bytes) {
            latest.put(name, new Upload(id, name, Instant.now(), bytes.length, id));
            contents.put(id, bytes);
        }

        @Override
        public Optional<Upload> latest(String fileName) {
            return Optional.ofNullable(latest.get(fileName));
        }

        @Override
        public void download(Upload upload, OutputStream out) throws IOException {
            downloads++;
            out.write(contents.get(upload.id()));
        }
    }

    private static final class FailingSource implements GeoDatabaseSource {
        @Override
        public Optional<Upload> latest(String fileName) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void download(Upload upload, OutputStream out) {
            throw new IllegalStateException("store down");
        }
    }
}
