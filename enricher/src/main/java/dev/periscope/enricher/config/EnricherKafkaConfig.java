package dev.periscope.enricher.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The enricher's consumer (raw topic) and producer (enriched topic); defaults and env names in application.properties. */
@ConfigMapping(prefix = "periscope.enricher.kafka")
public interface EnricherKafkaConfig {
    @WithName("input-topic")
    @WithDefault("periscope.access.raw.v1")
    String inputTopic();

    @WithName("output-topic")
    @WithDefault("periscope.access.enriched.v1")
    String outputTopic();

    @WithName("group-id")
    @WithDefault("enricher")
    String groupId();

    @WithName("auto-offset-reset")
    @WithDefault("earliest")
    String autoOffsetReset();

    /** Raw records per poll = per publish-and-commit round. */
    @WithName("max-poll-records")
    @WithDefault("10000")
    int maxPollRecords();

    @WithName("max-poll-interval")
    @WithDefault("300s")
    Duration maxPollInterval();

    @WithName("linger")
    @WithDefault("20ms")
    Duration linger();

    @WithName("batch-size")
    @WithDefault("262144")
    int batchSize();

    @WithName("compression-type")
    @WithDefault("none")
    String compressionType();

    /** How long a send keeps retrying through a broker outage before its batch is rewound and retried. */
    @WithName("delivery-timeout")
    @WithDefault("1h")
    Duration deliveryTimeout();

    /** Back-off between retries of a batch that could not be published. */
    @WithName("retry-initial")
    @WithDefault("1s")
    Duration retryInitial();

    @WithName("retry-max")
    @WithDefault("30s")
    Duration retryMax();
}
