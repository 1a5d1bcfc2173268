package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class KafkaConsumerLagTest {
    /** A server of its own (not the platform one, which may hold this JVM's real Kafka beans); never registered. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final KafkaConsumerLag lag = new KafkaConsumerLag(server);

    @Test
    void noConsumerMeansNoLag() {
        assertThat(lag.maxRecordsLag()).isEmpty();
    }

    @Test
    void theLargestLagOfAnyPartitionOfAnyConsumerWins() throws Exception {
        register("enricher-0", "periscope.access.raw.v1", 0, 12);
        register("enricher-0", "periscope.access.raw.v1", 1, 4_250);
        register("health-1", "periscope.ops.health.v1", 0, 3);

        assertThat(lag.maxRecordsLag()).hasValue(4_250);
    }

    @Test
    void partitionsWithoutAKnownLagAreSkipped() throws Exception {
        register("c", "t", 0, Double.NaN);
        assertThat(lag.maxRecordsLag()).isEmpty();

        register("c", "t", 1, 0);
        assertThat(lag.maxRecordsLag()).hasValue(0);
    }

    @Test
    void otherKafkaMetricsAreNotLag() throws Exception {
        // the client-wide fetch-manager bean (records-lag-max) and producer beans have no partition key
        server.registerMBean(metrics(99_999), new ObjectName(
                "kafka.consumer:type=consumer-fetch-manager-metrics,client-id=c"));
        server.registerMBean(metrics(77_777), new ObjectName(
                "kafka.producer:type=producer-topic-metrics,client-id=p,topic=t,partition=0"));

        assertThat(lag.maxRecordsLag()).isEmpty();
    }

    @Test
    void theGaugeIsNaNWithoutConsumers() throws Exception {
        assertThat(KafkaConsumerFacts.gaugeValue(lag)).isNaN();

        register("c", "t", 0, 17);
        assertThat(KafkaConsumerFacts.gaugeValue(lag)).isEqualTo(17.0);
    }

    private void register(String client, String topic, int partition, double value) throws Exception {
        server.registerMBean(metrics(value), new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,"
                + "client-id=" + client + ",topic=" + topic + ",partition=" + partition));
    }

    /** Like Kafka's JmxReporter beans: a dynamic MBean whose attribute is the metric name, "records-lag". */
    private static Object metrics(double value) {
        return new javax.management.DynamicMBean() {
            @Override
            public Object getAttribute(String attribute) throws javax.management.AttributeNotFoundException {
                if (!attribute.equals("records-lag")) {
                    throw new javax.management.AttributeNotFoundException(attribute);
                }
                return value;
            }

            @Override
            public void setAttribute(javax.management.Attribute attribute) {
                throw new UnsupportedOperationException();
            }

            @Override
            public javax.management.AttributeList getAttributes(String[] attributes) {
                return new javax.management.AttributeList();
            }

            @Override
            public javax.management.AttributeList setAttributes(javax.management.AttributeList attributes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object invoke(String actionName, Object[] params, String[] signature) {
                throw new UnsupportedOperationException();
            }

            @Override
            public javax.management.MBeanInfo getMBeanInfo() {
                return new javax.management.MBeanInfo(Object.class.getName(), "kafka metrics",
                        new javax.management.MBeanAttributeInfo[] {new javax.management.MBeanAttributeInfo(
                                "records-lag", "double", "records lag", true, false, false)},
                        null, null, null);
            }
        };
    }
}
