package dev.periscope.traffic.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

class LoadPlanTest {

    @Test
    void everyNodeHasAnIdentifiedFirstMessageAndFullIdentifierLessBatches() throws Exception {
        LoadPlan plan = LoadPlan.build(100, 5, 42L, "-bench");

        assertThat(plan.nodes()).hasSize(4);
        for (LoadPlan.Node node : plan.nodes()) {
            StreamAccessLogsMessage first = StreamAccessLogsMessage.parseFrom(node.first());
            assertThat(first.getIdentifier().getNode().getId()).isEqualTo(node.nodeId()).contains("-bench");
            assertThat(first.getHttpLogs().getLogEntryCount()).isEqualTo(100);
            assertThat(node.pool()).hasSize(5);
            for (byte[] bytes : node.pool()) {
                StreamAccessLogsMessage message = StreamAccessLogsMessage.parseFrom(bytes);
                assertThat(message.hasIdentifier()).isFalse();
                assertThat(message.getHttpLogs().getLogEntryCount()).isEqualTo(100);
            }
        }
        assertThat(plan.meanMessageBytes()).isGreaterThan(100 * 100);
    }

    @Test
    void sameOptionsSameBytes() {
        LoadPlan a = LoadPlan.build(10, 3, 7L, "");
        LoadPlan b = LoadPlan.build(10, 3, 7L, "");
        for (int i = 0; i < a.nodes().size(); i++) {
            assertThat(a.nodes().get(i).pool()).hasSameSizeAs(b.nodes().get(i).pool());
            for (int j = 0; j < a.nodes().get(i).pool().size(); j++) {
                // timestamps come from the options' base time, which defaults to "now": compare sizes only
                assertThat(a.nodes().get(i).pool().get(j).length)
                        .isBetween(b.nodes().get(i).pool().get(j).length - 8, b.nodes().get(i).pool().get(j).length + 8);
            }
        }
    }
}
