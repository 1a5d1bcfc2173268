package dev.periscope.kit.health;

import java.util.OptionalLong;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The largest records-lag of any partition assigned to any Kafka consumer in this JVM, read from the per-partition
 * {@code records-lag} metric every Kafka consumer registers over JMX ({@code kafka.consumer:type=consumer-fetch-
 * manager-metrics,client-id=…,topic=…,partition=…}) — whoever created the consumer (Reactive Messaging or a plain
 * {@code KafkaConsumer}). Empty when no consumer has a partition with a known lag.
 */
public final class KafkaConsumerLag {
    static final ObjectName PARTITION_METRICS = name(
            "kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*,topic=*,partition=*");
    static final String RECORDS_LAG = "records-lag";

    private final MBeanServer server;

    public KafkaConsumerLag(MBeanServer server) {
        this.server = server;
    }

    public OptionalLong maxRecordsLag() {
        Set<ObjectName> partitions = server.queryNames(PARTITION_METRICS, null);
        long max = -1;
        for (ObjectName partition : partitions) {
            double lag = lag(partition);
            if (!Double.isNaN(lag) && !Double.isInfinite(lag) && lag >= 0) {
                max = Math.max(max, (long) lag);
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** NaN when the metric is gone (the consumer closed between query and read) or not a number. */
    private double lag(ObjectName partition) {
        try {
            return server.getAttribute(partition, RECORDS_LAG) instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
