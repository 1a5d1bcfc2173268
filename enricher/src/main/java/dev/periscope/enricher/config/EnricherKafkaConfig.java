package dev.periscope.enricher.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The enricher's consumer (raw topic) and producer (enriched topic). Values, defaults and env names live in
 * application.properties (one place); only the keys it does not set have defaults here.
 */
@ConfigMapping(prefix = "periscope.enricher.kafka")
public interface EnricherKafkaConfig {
    @WithName("input-topic")
    String inputTopic();

    @WithName("output-topic")
    String outputTopic();

    @WithName("group-id")
    String groupId();

    @WithName("auto-offset-reset")
    @WithDefault("earliest")
    String autoOffsetReset();

    /** Raw records per poll = per publish-and-commit round. */
    @WithName("max-poll-records")
    int maxPollRecords();

    @WithName("max-poll-interval")
    Duration maxPollInterval();

    @WithName("linger")
    Duration linger();

    @WithName("batch-size")
    int batchSize();

    @WithName("compression-type")
    String compressionType();

    /** How long a send keeps retrying through a broker outage before its batch is rewound and retried. */
    @WithName("delivery-timeout")
    Duration deliveryTimeout();

    /** Back-off between retries of a batch that could not be published. */
    @WithName("retry-initial")
    @WithDefault("1s")
    Duration retryInitial();

    @WithName("retry-max")
    @WithDefault("30s")
    Duration retryMax();
}
