package dev.periscope.enricher.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;

import dev.periscope.enricher.enrich.TestSupport;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.model.v1.AccessEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A scripted attack replayed through the real local broker into the enricher test instance, next to benign
 * traffic: a path scanner, a login brute-forcer, a BOLA enumerator, a consumer hopping continents (MaxMind's test
 * City database, uploaded to the enricher's GridFS bucket) and an address of a threat-intel feed (a document in
 * the enricher's feed collection). Every enriched event of the run is compared on its attack flags and risk
 * score with what the default {@code detection.*} settings prescribe ({@link AttackScript}).
 */
@QuarkusTest
class AttackScenarioIT {
    private static final Duration BOUND = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "periscope.enricher.kafka.group-id")
    String groupId;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String databaseName;

    @ConfigProperty(name = "periscope.enricher.geoip.gridfs-bucket")
    String geoipBucket;

    @ConfigProperty(name = "periscope.enricher.threat-intel.collection")
    String feedCollection;

    @Inject
    MongoClient mongo;

    @Inject
    InstanceIdentity identity;

    private final String project = AccessEvents.uniqueProjectId("attack-it");
    private final String feedName = "attack-it-" + project.substring(project.lastIndexOf('-') + 1);
    private GridFSBucket bucket;
    private MongoCollection<Document> feeds;
    private int collected;

    @BeforeEach
    void uploadEnrichmentData() throws Exception {
        MongoDatabase database = mongo.getDatabase(databaseName);
        bucket = GridFSBuckets.create(database, geoipBucket);
        feeds = database.getCollection(feedCollection);
        upload("city.mmdb", "GeoIP2-City-Test.mmdb");
        upload("asn.mmdb", "GeoLite2-ASN-Test.mmdb");
        feeds.insertOne(new Document("_id", feedName).append("entries", AttackScript.THREAT_INTEL_IP + "/32")
                .append("updated_at", new Date()));
    }

    @AfterEach
    void removeFeed() {
        feeds.deleteOne(Filters.eq("_id", feedName));
    }

    @Test
    void attackersCarryExactlyTheirFlagsAndBenignTrafficNone() throws Exception {
        AttackScript script = new AttackScript(project);
        List<AttackScript.Step> traffic = script.traffic();
        List<AttackScript.Step> hops = script.continentHopper();
        Map<String, AccessEvent> enriched = new HashMap<>();

        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        try (var tail = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_ENRICHED);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            awaitEnrichmentLoaded(tail, producer);

            for (AttackScript.Step step : traffic) {
                send(producer, step.raw());
            }
            producer.flush();
            await("the scripted traffic enriched").atMost(BOUND).until(() -> {
                collect(tail, enriched);
                return enriched.size() >= traffic.size();
            });

            for (AttackScript.Step hop : hops) {
                send(producer, hop.raw());
                producer.flush();
                await(hop.label() + " enriched").atMost(BOUND).until(() -> {
                    collect(tail, enriched);
                    return enriched.containsKey(hop.raw().getEventId());
                });
            }
            collect(tail, enriched); // a last poll: nothing beyond the script may arrive
        }

        List<AttackScript.Step> all = new ArrayList<>(traffic);
        all.addAll(hops);
        assertThat(enriched.keySet()).as("exactly the scripted events, once each")
                .isEqualTo(all.stream().map(s -> s.raw().getEventId()).collect(Collectors.toSet()));

        List<String> wrongFlags = new ArrayList<>();
        List<String> wrongRisk = new ArrayList<>();
        for (AttackScript.Step step : all) {
            AccessEvent out = enriched.get(step.raw().getEventId());
            Set<String> flags = new HashSet<>(out.getRiskFlagsList());
            flags.retainAll(AttackScript.ATTACK_FLAGS);
            if (!flags.equals(step.flags())) {
                wrongFlags.add(step.label() + ": expected " + step.flags() + ", got " + flags);
            }
            if (out.getRiskScore() != step.risk()) {
                wrongRisk.add(step.label() + ": expected risk " + step.risk() + ", got " + out.getRiskScore()
                        + " from " + out.getRiskFlagsList());
            }
        }
        assertThat(wrongFlags).as("events whose attack flags differ from the script").isEmpty();
        assertThat(wrongRisk).as("events whose risk_score differs from their flags' severities").isEmpty();

        assertTravellerTags(hops, enriched);
        for (AttackScript.Step step : all) {
            Map<String, String> tags = enriched.get(step.raw().getEventId()).getTagsMap();
            if (step.raw().getSourceIp().equals(AttackScript.THREAT_INTEL_IP)) {
                assertThat(tags).as(step.label()).containsEntry("ti.hit", "true").containsEntry("ti.source", feedName);
            } else {
                assertThat(tags).as(step.label()).doesNotContainKeys("ti.hit", "ti.source");
            }
        }
    }

    private static void assertTravellerTags(List<AttackScript.Step> hops, Map<String, AccessEvent> enriched) {
        List<String> continents = hops.stream()
                .map(h -> enriched.get(h.raw().getEventId()).getTagsMap().get("geo.continent")).toList();
        assertThat(continents).containsExactly("EU", "AS", "NA", "EU");
        assertThat(enriched.get(hops.get(0).raw().getEventId()).getTagsMap())
                .containsEntry("geo.kind", "external").containsEntry("geo.country", "SE")
                .containsEntry("geo.asn", AttackScript.EUROPE_ASN);
    }

    /**
     * Until probes come out with the uploaded data applied: a Linköping address with city and AS tags, and the
     * feed's address with a hit. Probes are anonymous GETs answered 200 in a project of their own: no detector
     * counts them. This also covers the group's first fetch ("latest" start offsets).
     */
    private void awaitEnrichmentLoaded(KafkaTestSupport.TopicTail tail, KafkaProducer<byte[], byte[]> producer) {
        String probeProject = AccessEvents.uniqueProjectId("attack-it-probe");
        Set<String> seen = new HashSet<>();
        await("GeoIP databases and the threat-intel feed loaded").atMost(BOUND).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    send(producer, AccessEvents.rawHttp(probeProject, "GET", "/probe", 200)
                            .setSourceIp(AttackScript.EUROPE_IP).build());
                    send(producer, AccessEvents.rawHttp(probeProject, "GET", "/probe", 200)
                            .setSourceIp(AttackScript.THREAT_INTEL_IP).build());
                    producer.flush();
                    for (ConsumerRecord<byte[], byte[]> record : tail.poll()) {
                        AccessEvent event = ours(record, probeProject);
                        if (event == null) {
                            continue;
                        }
                        Map<String, String> tags = event.getTagsMap();
                        if ("Linköping".equals(tags.get("geo.city"))
                                && AttackScript.EUROPE_ASN.equals(tags.get("geo.asn"))) {
                            seen.add("geoip");
                        }
                        if (feedName.equals(tags.get("ti.source"))
                                && event.getRiskFlagsList().contains(ThreatIntelStage.FLAG)) {
                            seen.add("threat_intel");
                        }
                    }
                    return seen.size() == 2;
                });
    }

    /** Adds the run's events among the records read since the last call ({@code poll} returns all read so far). */
    private void collect(KafkaTestSupport.TopicTail tail, Map<String, AccessEvent> into) {
        List<ConsumerRecord<byte[], byte[]>> records = tail.poll();
        List<ConsumerRecord<byte[], byte[]>> fresh = records.subList(collected, records.size());
        collected = records.size();
        for (ConsumerRecord<byte[], byte[]> record : fresh) {
            AccessEvent event = ours(record, project);
            if (event != null) {
                AccessEvent previous = into.put(event.getEventId(), event);
                assertThat(previous).as("event %s enriched twice", event.getEventId()).isNull();
            }
        }
    }

    /** The enriched event when it came from this test instance and belongs to {@code project}, else null. */
    private AccessEvent ours(ConsumerRecord<byte[], byte[]> record, String project) {
        if (!identity.eventSource().equals(CloudEventHeaders.read(record.headers(), CloudEventHeaders.SOURCE)
                .orElse(null))) {
            return null; // another enricher (a running local stack) on the same broker
        }
        try {
            AccessEvent event = AccessEvent.parseFrom(record.value());
            return event.getProjectId().equals(project) ? event : null;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** Keyed by source address, as the gateway publishes. */
    private static void send(KafkaProducer<byte[], byte[]> producer, AccessEvent event) {
        producer.send(new ProducerRecord<>(Topics.ACCESS_RAW, RecordKeys.rawKey(event).getBytes(StandardCharsets.UTF_8),
                event.toByteArray()));
    }

    /** A fresh upload of {@code name}; older uploads of the name are removed (the newest wins anyway). */
    private void upload(String name, String testFile) throws Exception {
        List<ObjectId> older = new ArrayList<>();
        bucket.find(Filters.eq("filename", name)).forEach(file -> older.add(file.getObjectId()));
        try (InputStream in = Files.newInputStream(TestSupport.geoipFile(testFile))) {
            bucket.uploadFromStream(name, in);
        }
        older.forEach(bucket::delete);
    }
}
