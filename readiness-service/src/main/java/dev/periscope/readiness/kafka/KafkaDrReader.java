package dev.periscope.readiness.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import dev.periscope.readiness.dr.KafkaSample;
import dev.periscope.readiness.dr.PartitionPosition;
import dev.periscope.readiness.dr.TimeToDataLoss;
import dev.periscope.readiness.dr.TopicReplication;

/**
 * Reads what the DR view needs from the broker with the admin client: every consumer group's committed offsets,
 * the partitions' log-start and end offsets, the topics' retention.ms, replication factor and min.insync.replicas;
 * and, with a short-lived consumer (no group, partitions assigned by hand), the timestamp of the record at each
 * committed offset that has lag.
 */
public final class KafkaDrReader implements AutoCloseable {
    private final Admin admin;
    private final Map<String, Object> clientProperties;
    private final Pattern groups;
    private final Pattern excludedGroups;
    private final Pattern topics;
    private final Duration timeout;

    /**
     * @param groups consumer groups to watch (full match)
     * @param excludedGroups consumer groups never watched (full match)
     * @param topics the Periscope topics whose replication is checked (full match)
     */
    public KafkaDrReader(Map<String, Object> clientProperties, Pattern groups, Pattern excludedGroups,
            Pattern topics, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.admin = Admin.create(this.clientProperties);
        this.groups = groups;
        this.excludedGroups = excludedGroups;
        this.topics = topics;
        this.timeout = timeout;
    }

    public KafkaSample sample(Instant now) {
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets();
            Set<TopicPartition> partitions = new HashSet<>();
            committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
            Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());

            Set<String> watchedTopics = new TreeSet<>();
            partitions.forEach(tp -> watchedTopics.add(tp.topic()));
            Set<String> periscopeTopics = new TreeSet<>(get(admin.listTopics().names()));
            periscopeTopics.removeIf(t -> !topics.matcher(t).matches());
            Set<String> configured = new TreeSet<>(watchedTopics);
            configured.addAll(periscopeTopics);
            Map<String, Config> configs = topicConfigs(configured);

            Map<TopicPartition, Map<Long, Long>> wanted = new HashMap<>();
            committed.values().forEach(offsets -> offsets.forEach((tp, om) -> {
                long offset = om.offset();
                if (offset >= start.getOrDefault(tp, 0L) && offset < end.getOrDefault(tp, 0L)) {
                    wanted.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, null);
                }
            }));
            new RecordTimestamps(clientProperties, timeout).read(wanted);

            List<TimeToDataLoss> losses = new ArrayList<>();
            committed.forEach((group, offsets) -> {
                Map<String, List<PartitionPosition>> byTopic = new TreeMap<>();
                offsets.forEach((tp, om) -> {
                    Long ts = wanted.getOrDefault(tp, Map.of()).get(om.offset());
                    byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(new PartitionPosition(
                            tp.partition(), om.offset(), start.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L),
                            ts == null ? OptionalLong.empty() : OptionalLong.of(ts)));
                });
                byTopic.forEach((topic, positions) -> losses.add(TimeToDataLoss.of(group, topic, positions,
                        retentionMs(configs.get(topic)), now)));
            });
            return new KafkaSample(now, List.copyOf(losses), replication(periscopeTopics, configs), null);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new KafkaSample(now, List.of(), List.of(), cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KafkaSample(now, List.of(), List.of(), "interrupted");
        }
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets()
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> result = new TreeMap<>();
        @SuppressWarnings("deprecation") // listGroups(ListGroupsOptions.forConsumerGroups()) is 4.1+ only
        Collection<ConsumerGroupListing> listings = get(admin.listConsumerGroups().all());
        for (ConsumerGroupListing listing : listings) {
            String group = listing.groupId();
            if (!groups.matcher(group).matches() || excludedGroups.matcher(group).matches()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(
                    get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
            offsets.values().removeIf(java.util.Objects::isNull);
            if (!offsets.isEmpty()) {
                result.put(group, offsets);
            }
        }
        return result;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> result = new HashMap<>();
        infos.forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private Map<String, Config> topicConfigs(Set<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (names.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<String, Config> result = new HashMap<>();
        get(admin.describeConfigs(resources).all()).forEach((resource, config) -> result.put(resource.name(), config));
        return result;
    }

    private List<TopicReplication> replication(Set<String> names, Map<String, Config> configs)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(names).allTopicNames());
        List<TopicReplication> result = new ArrayList<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            int rf = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            result.add(new TopicReplication(name, rf, intConfig(configs.get(name),
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 1)));
        }
        return result;
    }

    static long retentionMs(Config config) {
        if (config == null || config.get(TopicConfig.RETENTION_MS_CONFIG) == null) {
            return 7L * 24 * 3600 * 1000; // the broker default
        }
        return Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    private static int intConfig(Config config, String name, int fallback) {
        if (config == null || config.get(name) == null || config.get(name).value() == null) {
            return fallback;
        }
        return Integer.parseInt(config.get(name).value());
    }

    private <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** Consumer settings for the timestamp reads: small fetches, nothing committed, no group. */
    static Map<String, Object> consumerProperties(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }
}
